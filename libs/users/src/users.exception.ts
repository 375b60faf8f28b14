/** Error codes of the users and auth routes (shared ones live in `CoreErrorCode`). */
export enum UsersErrorCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  /** The user is the only active admin of at least one tenant. */
  LAST_ADMIN = 'LAST_ADMIN',
  CANNOT_DELETE_SELF = 'CANNOT_DELETE_SELF',
}
