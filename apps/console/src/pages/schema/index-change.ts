import { api } from '../../api/client';
import { problemsFor, ProposedChange } from './change-edits';
import { definitionBody } from './use-schema';
import { Problem } from './use-planned-change';

/**
 * Indexes have no step route: a change to them is the whole definition, sent to PUT /schema with
 * the reviewed version (`expectedVersion`), exactly as it was planned.
 */
export const putDefinition = (tenant: string, change: ProposedChange, expectedVersion: number, message?: string) =>
  api.PUT('/api/tenants/{tenant}/schema', {
    params: { path: { tenant } },
    body: { definition: definitionBody(change.definition), expectedVersion, message },
  });

/**
 * The problems of one index by form field: `columns` gathers those of the list and of each of its
 * columns (`columns[1]`), and those of the index as a whole (a duplicate of another index), which
 * PUT /schema and the plan name by absolute path (`tables[0].indexes[2]`).
 */
export function indexFieldProblems(
  prefix: string,
  problems: readonly Problem[],
): { columns?: string; unique?: string } {
  const { fields } = problemsFor(prefix, problems);
  const columns = [
    ...problems.filter((p) => p.field === prefix).map((p) => p.message),
    ...Object.entries(fields)
      .filter(([field]) => field === 'columns' || field.startsWith('columns['))
      .map(([field, message]) => (field === 'columns' ? message : `${columnOf(field)} ${message}`)),
  ];
  return { columns: columns.length ? columns.join('; ') : undefined, unique: fields.unique };
}

/** `columns[1]` -> "column 2 of the list:". */
const columnOf = (field: string) => {
  const n = Number(/\[(\d+)\]/.exec(field)?.[1] ?? 0) + 1;
  return `column ${n} of the list:`;
};
