import { ColumnDefinition } from './definition';

/**
 * Columns as the table and column routes take them. The OpenAPI types them as free-form objects
 * (the definition validator checks them, naming every problem), so they are passed as such.
 */
export const columnsBody = (columns: ColumnDefinition[]) => columns as unknown as Record<string, unknown>[];

export const columnBody = (column: object) => column as Record<string, never>;
