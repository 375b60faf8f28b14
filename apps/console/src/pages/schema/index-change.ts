import { api } from '../../api/client';
import { ProposedChange } from './change-edits';
import { definitionBody } from './use-schema';

/**
 * Indexes have no step route: a change to them is the whole definition, sent to PUT /schema with
 * the reviewed version (`expectedVersion`), exactly as it was planned.
 */
export const putDefinition = (tenant: string, change: ProposedChange, expectedVersion: number, message?: string) =>
  api.PUT('/api/tenants/{tenant}/schema', {
    params: { path: { tenant } },
    body: { definition: definitionBody(change.definition), expectedVersion, message },
  });
