import { ActiveSchema, activeSchemaOf, StoredVersion, VersionSummary } from '../versions/schema-version';

/** The API's `{version, definition, createdAt, createdBy}`. */
export const schemaResponse = (schema: ActiveSchema) => ({
  version: schema.version,
  definition: schema.definition,
  createdAt: schema.createdAt,
  createdBy: schema.createdBy,
});

export const versionResponse = (version: StoredVersion) => schemaResponse(activeSchemaOf(version));

export const versionListItem = (v: VersionSummary) => ({
  version: v.version,
  message: v.message,
  createdBy: v.authorId,
  createdAt: v.createdAt,
  operations: v.operations,
});

export const versionDetail = (v: StoredVersion) => ({
  version: v.version,
  definition: v.definition,
  message: v.message,
  createdBy: v.authorId,
  createdAt: v.createdAt,
  checksum: v.checksum,
  migration: { operations: v.operations, up: v.up, down: v.down },
});
