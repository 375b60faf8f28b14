import { REDACTED } from './log-redaction';

type Serialized = Record<string, unknown>;

/** What a logged database error keeps: where it happened, never the values involved. */
const DATABASE_ERROR_KEYS = ['type', 'code', 'severity', 'schema', 'table', 'column', 'constraint', 'routine'];

const isDatabaseError = (err: Serialized) =>
  err.type === 'QueryFailedError' ||
  err.type === 'DatabaseError' ||
  (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && 'routine' in err);

/** String and dollar-quoted literals in SQL text, e.g. a password in `CREATE ROLE ... PASSWORD '...'`. */
const SQL_LITERALS = /'(?:[^']|'')*'|\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g;
/** Values PostgreSQL quotes in its messages: `invalid input syntax for type uuid: "..."`. */
const QUOTED_VALUES = /(: |value )"(?:[^"\\]|\\.)*"/g;

const safeMessage = (message: unknown) =>
  typeof message === 'string' ? message.replace(QUOTED_VALUES, `$1"${REDACTED}"`) : message;

function databaseError(err: Serialized): Serialized {
  const driver = (err.driverError ?? {}) as Serialized;
  const safe: Serialized = {};
  for (const key of DATABASE_ERROR_KEYS) {
    const value = err[key] ?? driver[key];
    if (value !== undefined) safe[key] = value;
  }
  safe.message = safeMessage(err.message);
  if (typeof err.query === 'string') safe.query = err.query.replace(SQL_LITERALS, `'${REDACTED}'`);
  if (typeof err.stack === 'string') {
    safe.stack = [String(safe.message), ...err.stack.split('\n').filter((line) => /^\s+at /.test(line))].join('\n');
  }
  return safe;
}

/**
 * pino's `err` serializer (it receives the standard serialization): a database error keeps its
 * SQLSTATE, table, column, constraint, routine and statement (literals blanked), and loses its
 * bind parameters, `detail` and `where` (they quote the row, a password hash for instance) and
 * the values PostgreSQL quotes in its message. A cause is serialized the same way.
 */
export function safeErrorSerializer(err: Serialized): Serialized {
  if (!err || typeof err !== 'object') return err;
  const safe = isDatabaseError(err) ? databaseError(err) : { ...err };
  if (safe.cause && typeof safe.cause === 'object') safe.cause = safeErrorSerializer(safe.cause as Serialized);
  return safe;
}
