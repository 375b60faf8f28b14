/**
 * Names the server derives for catalog objects. They are built from stable ids only (at most 27
 * characters), never from user names: they stay under PostgreSQL's 63-byte limit, cannot collide
 * (ids are unique within a tenant), and never need renaming when a table or column is renamed.
 * Every derived name that can appear among user names starts with `_`, which user names may not.
 */
export const derivedNames = {
  primaryKey: (tableId: string) => `${tableId}_pkey`,
  uniqueIndex: (columnId: string) => `${columnId}_key`,
  enumCheck: (columnId: string) => `${columnId}_check`,
  foreignKey: (columnId: string) => `${columnId}_fkey`,
  referenceIndex: (columnId: string) => `${columnId}_idx`,
  index: (indexId: string) => `${indexId}_idx`,
  /** A dropped table or column, kept until purged. */
  setAside: (id: string) => `_dropped_${id}`,
  /** A transient name while renames swap names. */
  renaming: (id: string) => `_renaming_${id}`,
  updatedAtTrigger: () => '_set_updated_at',
  uuidFunction: () => '_uuid_v7',
  touchFunction: () => '_touch_updated_at',
};
