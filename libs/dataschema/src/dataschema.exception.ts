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
  /** No record with that id in the table (404). */
  RECORD_NOT_FOUND = 'RECORD_NOT_FOUND',
  /** No such revision in the record's history (404). */
  REVISION_NOT_FOUND = 'REVISION_NOT_FOUND',
  /** A reference column names a record that does not exist (422). */
  REFERENCE_NOT_FOUND = 'REFERENCE_NOT_FOUND',
  /** A revision's values no longer fit the table (422). */
  RESTORE_REFUSED = 'RESTORE_REFUSED',
}
