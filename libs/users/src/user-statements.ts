import { OrderingTerm } from './user-ordering';

/** The columns a user's response shows as they are stored, in the response's order around the password hash. */
const IDENTITY_COLUMNS = ['id', 'username', 'email'];
const PROFILE_COLUMNS = [
  'first_name AS "firstName"',
  'last_name AS "lastName"',
  'phone',
  'address',
  'is_active AS "isActive"',
  'is_superadmin AS "isSuperadmin"',
];
const TIME_COLUMNS = ['created_at', 'updated_at', 'last_login_at'];
const timeAlias = (column: string) => `"${column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}"`;

/** Every column of `users` under its `UserEntity` name, so a row is a `UserEntity` as it comes. */
export const USER_COLUMNS = [
  ...IDENTITY_COLUMNS,
  'password_hash AS "passwordHash"',
  ...PROFILE_COLUMNS,
  ...TIME_COLUMNS.map((column) => `${column} AS ${timeAlias(column)}`),
].join(', ');

/** A timestamp as `Date.toISOString()` writes it (milliseconds, truncated as the driver's Date does). */
const isoTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A list row as the response shows a user (`toUserResponse`), field for field and in its order:
 * no password hash, timestamps formatted by PostgreSQL, so a page is sent as it comes instead of
 * parsing 60 timestamps into Dates and writing them back.
 */
export const USER_LIST_COLUMNS = [
  ...IDENTITY_COLUMNS,
  ...PROFILE_COLUMNS,
  ...TIME_COLUMNS.map((column) => `${isoTime(column)} AS ${timeAlias(column)}`),
].join(', ');

/** The text of a user list's two statements; parameters: the pattern, the active flag, then limit and offset. */
export interface UserListStatements {
  page: string;
  count: string;
}

const built = new Map<string, UserListStatements>();

/**
 * The page and count statements of one list shape, built once. Columns come from
 * `USER_ORDERING_FIELDS` only; every value is a parameter.
 */
export function userListStatements(
  ordering: readonly OrderingTerm[],
  search: boolean,
  active: boolean,
): UserListStatements {
  const key = `${search ? 's' : ''}${active ? 'a' : ''}:${ordering.map((t) => `${t.column} ${t.direction}`).join(',')}`;
  let statements = built.get(key);
  if (statements) return statements;
  const conditions: string[] = [];
  if (search)
    conditions.push(
      `(username || ' ' || email || ' ' || first_name || ' ' || last_name) ILIKE $${conditions.length + 1}`,
    );
  if (active) conditions.push(`is_active = $${conditions.length + 1}`);
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const order = [...ordering.map((t) => `${t.column} ${t.direction} NULLS LAST`), 'id ASC'].join(', ');
  const n = conditions.length;
  statements = {
    page: `SELECT ${USER_LIST_COLUMNS} FROM users${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    count: `SELECT count(*)::int AS count FROM users${where}`,
  };
  // Shapes are few (two flags, orderings of seven fields), but a client could vary the ordering at will.
  if (built.size >= 500) built.clear();
  built.set(key, statements);
  return statements;
}
