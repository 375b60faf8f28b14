import { PlatformTables1732300000000 } from './1732300000000-platform-tables';
import { AuditSignatures1732400000000 } from './1732400000000-audit-signatures';
import { JobOutbox1795850000000 } from './1795850000000-job-outbox';
import { JobDeliveries1795850000001 } from './1795850000001-job-deliveries';
import { SchemaVersions1795900000000 } from './1795900000000-schema-versions';
import { SchemaVersionSummaries1795950000000 } from './1795950000000-schema-version-summaries';
import { AuditSealing1796000000000 } from './1796000000000-audit-sealing';

/** Checked-in platform migrations, in order. Add new ones at the end. */
export const PLATFORM_MIGRATIONS = [
  PlatformTables1732300000000,
  AuditSignatures1732400000000,
  JobOutbox1795850000000,
  JobDeliveries1795850000001,
  SchemaVersions1795900000000,
  SchemaVersionSummaries1795950000000,
  AuditSealing1796000000000,
];
