import { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { useTenantAccess } from '../../session/tenant-access';
import { ColumnDefinition, TableDefinition } from './definition';
import { schemaPaths } from './schema-paths';
import { ActiveSchema, useSchema } from './use-schema';

/**
 * Loads the schema and finds a table (and a column) in it, then renders `children` with them; says
 * what to do when they are not there. The last schema loaded stays on screen while it reloads.
 */
export function WithTable({
  table: tableName,
  column: columnName,
  children,
}: {
  table: string;
  column?: string;
  children(found: {
    schema: ActiveSchema;
    table: TableDefinition;
    column?: ColumnDefinition;
    reload(): void;
  }): ReactNode;
}) {
  const { tenant } = useTenantAccess();
  const schema = useSchema(tenant);
  const current = schema.latest;
  if (!current) {
    return schema.status === 'error' ? <ErrorMessage error={schema.error} /> : <Loading label="Loading the schema" />;
  }
  const table = current.definition.tables.find((t) => t.name === tableName);
  const column = columnName === undefined ? undefined : table?.columns.find((c) => c.name === columnName);
  if (!table || (columnName !== undefined && !column)) {
    return (
      <div className="notice notice-error" role="alert">
        <strong>Not in the schema:</strong> {columnName ? `column ${columnName} of ` : ''}table {tableName} is not in
        version {current.version}. It may have been renamed, dropped or rolled back: go back to the{' '}
        <Link to={schemaPaths.tables(tenant)}>table list</Link>.
      </div>
    );
  }
  return <>{children({ schema: current, table, column, reload: schema.reload })}</>;
}
