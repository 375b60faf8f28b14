import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { readDefinition, SchemaDefinition } from './definition';

export interface ActiveSchema {
  version: number;
  definition: SchemaDefinition;
  createdAt: string | null;
  createdBy: string | null;
}

/** The tenant's active version and its definition (with the ids the server gave), checked. */
export async function loadSchema(tenant: string): Promise<{ data?: ActiveSchema; error?: unknown }> {
  const { data, error } = await api.GET('/api/tenants/{tenant}/schema', { params: { path: { tenant } } });
  return data ? { data: { ...data, definition: readDefinition(data.definition) } } : { error };
}

export function useSchema(tenant: string) {
  return useApi(() => loadSchema(tenant), [tenant]);
}

/** The definition as a request body: the OpenAPI types it as a free-form object. */
export const definitionBody = (definition: SchemaDefinition) => definition as unknown as Record<string, unknown>;
