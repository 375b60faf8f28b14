/** What a PostgreSQL error says about where it happened (never a value). */
export interface PgErrorFields {
  code?: string;
  message?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  where?: string;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const unquote = (name: string) => name.trim().replace(/^"(.*)"$/, '$1');
const splitTopLevel = (list: string) => list.split(',').map((part) => part.trim());

/** `lower(email::text)` -> `email`: an index expression back to its column. */
const keyColumn = (part: string) =>
  camel(
    unquote(
      part
        .trim()
        .replace(/^lower\((.*)\)$/, '$1')
        .replace(/::[a-z ]+$/i, ''),
    ),
  );

/** The column a bind parameter `$n` fills: by position in a one-row INSERT, or `"col" = $n`. */
export function columnOfParameter(query: string, n: number): string | undefined {
  const insert = /INSERT\s+INTO\s+[^(]+\(([^)]*)\)\s*VALUES\s*\(([^)]*)\)/i.exec(query);
  if (insert) {
    const columns = splitTopLevel(insert[1]);
    const index = splitTopLevel(insert[2]).indexOf(`$${n}`);
    if (index >= 0 && columns[index]) return unquote(columns[index]);
  }
  const compared = new RegExp(
    `("[^"]+"|\\b[a-z_][a-z0-9_]*)\\s*(?:=|<>|!=|<=|>=|<|>|I?LIKE)\\s*\\$${n}(?!\\d)`,
    'i',
  ).exec(query);
  return compared ? unquote(compared[1]).split('.').pop() : undefined;
}

/** For "value too long for type character varying(n)": the first parameter longer than n. */
function tooLongParameter(error: PgErrorFields, parameters: readonly unknown[]): number | undefined {
  const limit = /character(?: varying)?\((\d+)\)/.exec(error.message ?? '');
  if (!limit) return undefined;
  const index = parameters.findIndex((value) => typeof value === 'string' && value.length > Number(limit[1]));
  return index >= 0 ? index + 1 : undefined;
}

/**
 * The field (camelCase column name) a database error is about, from what PostgreSQL reports:
 * the key of a unique or foreign-key violation, the column of a not-null violation, or the bind
 * parameter it could not take, mapped to its column through the statement. Undefined when
 * nothing names it.
 */
export function fieldOfDatabaseError(
  error: PgErrorFields,
  query?: string,
  parameters: readonly unknown[] = [],
): string | undefined {
  const key = /^Key \((.+?)\)=\(/.exec(error.detail ?? '');
  if (key) return key[1].split(',').map(keyColumn).join(',');
  if (error.column) return camel(error.column);
  const parameter = /parameter \$(\d+)/.exec(error.where ?? '');
  const n = parameter ? Number(parameter[1]) : error.code === '22001' ? tooLongParameter(error, parameters) : undefined;
  const column = n !== undefined && query ? columnOfParameter(query, n) : undefined;
  if (column) return camel(column);
  return error.constraint ? camel(columnOfConstraint(error.constraint, error.table)) : undefined;
}

/** `<table>_<column>_check` (PostgreSQL's default name) -> `<column>`; other names as they are. */
function columnOfConstraint(constraint: string, table: string | undefined): string {
  const prefix = table ? `${table}_` : '';
  const match = /^(.+)_(check|key|fkey|excl)$/.exec(constraint);
  if (!match || !constraint.startsWith(prefix)) return constraint;
  return match[1].slice(prefix.length) || constraint;
}
