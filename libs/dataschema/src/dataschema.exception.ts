/** Error codes of the dataschema lib (besides the shared ones in `CoreErrorCode`). */
export enum DataschemaErrorCode {
  /** A precheck found rows that a change would fail on or hurt (422). */
  SCHEMA_CHANGE_REFUSED = 'SCHEMA_CHANGE_REFUSED',
}
