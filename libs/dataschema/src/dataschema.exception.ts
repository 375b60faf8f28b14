/** Error codes of the dataschema lib (besides the shared ones in `CoreErrorCode`). */
export enum DataschemaErrorCode {
  /** A precheck found rows that a change would fail on or hurt (422). */
  SCHEMA_CHANGE_REFUSED = 'SCHEMA_CHANGE_REFUSED',
  /** `expectedVersion` is not the tenant's current version: someone changed the schema first (409). */
  SCHEMA_VERSION_CONFLICT = 'SCHEMA_VERSION_CONFLICT',
  /** No such schema version (404). */
  SCHEMA_VERSION_NOT_FOUND = 'SCHEMA_VERSION_NOT_FOUND',
  /** No such table in the active definition (404). */
  TABLE_NOT_FOUND = 'TABLE_NOT_FOUND',
  /** No such column in the table (404). */
  COLUMN_NOT_FOUND = 'COLUMN_NOT_FOUND',
}
