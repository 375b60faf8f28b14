import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * "A lib never queries another lib's tables: it calls that lib's exported service" (STYLE.md).
 * This reads every lib's source for SQL that names a platform table and fails on a table the lib
 * does not own, unless it is one of the reads listed below with their reason.
 */
const OWNERS: Record<string, string> = {
  users: 'users',
  refresh_tokens: 'users',
  tenants: 'tenants',
  memberships: 'tenants',
  audit_log: 'audit',
  audit_signing_keys: 'audit',
  jobs: 'core',
  job_events: 'core',
  job_outbox: 'core',
  job_deliveries: 'core',
  schema_versions: 'dataschema',
  schema_retained_items: 'dataschema',
  // System tables inside every tenant schema (always named through `qualified(schema, '_...')`):
  // record history is the records' (dataschema), import staging the importer's (importexport).
  _record_history: 'dataschema',
  _record_history_batches: 'dataschema',
  _import_batches: 'importexport',
};

/** Reads across libs that stay, each in the direction the dependencies allow. */
const ALLOWED: Record<string, string> = {
  // The member list is sorted by email and the last-admin rule counts active accounts: joins on
  // users from the tenants lib, which sits above the users lib.
  'tenants -> users': 'memberships joined with their users',
  // The platform gauges (/metrics) count users and tenants in one statement, and the start-up
  // ownership handover walks every tenant schema: core reads those tables, it never writes them.
  'core -> users': 'platform gauges',
  'core -> tenants': 'platform gauges, tenant schema handover',
  // Debt, to move behind JobsService and the records' history service: the import runner locks
  // and updates its job row inside its load transaction (and the staging sweeper reads job
  // states); an upsert writes one history row per record in set-based SQL, and the revert of an
  // import made before history batches deletes through its per-record history rows. (Insert
  // imports and their revert go through dataschema's `RecordBatches`.)
  'importexport -> core': 'job rows and events inside the load transaction, job states (debt)',
  'importexport -> dataschema': 'set-based history rows of upserted records, legacy revert (debt)',
};

const TABLES = Object.keys(OWNERS).join('|');
const SYSTEM_TABLES = Object.keys(OWNERS)
  .filter((table) => table.startsWith('_'))
  .join('|');
/** A table after an SQL keyword, or a tenant system table as the string literal `qualified` receives. */
const TABLE_REFERENCE = new RegExp(
  String.raw`\b(?:FROM|JOIN|INTO|UPDATE|TABLE|ON)\s+(?:public\.)?"?(${TABLES})"?(?!\w)|['"\`](${SYSTEM_TABLES})['"\`]`,
  'gi',
);

/**
 * Migrations create tables for their owners (core's `migrations/` the platform tables, the tenants
 * lib's numbered tenant migrations the system tables of every tenant schema): DDL, not queries.
 */
const isMigration = (path: string) => /[\\/]migrations[\\/]|[\\/]tenant-migrations[\\/]\d{4}-[^\\/]+$/.test(path);

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* sources(path);
    } else if (path.endsWith('.ts') && !path.endsWith('.spec.ts') && !isMigration(path)) yield path;
  }
}

export function foreignTableReads(libsDir: string): string[] {
  const found: string[] = [];
  for (const lib of readdirSync(libsDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const file of sources(join(libsDir, lib.name, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(TABLE_REFERENCE)) {
        const owner = OWNERS[(match[1] ?? match[2]).toLowerCase()];
        if (owner !== lib.name && !ALLOWED[`${lib.name} -> ${owner}`]) {
          found.push(`${relative(libsDir, file)}: ${match[0].trim()} (owned by ${owner})`);
        }
      }
    }
  }
  return [...new Set(found)];
}

describe('table ownership', () => {
  it("no lib queries another lib's tables beyond the listed exceptions", () => {
    expect(foreignTableReads(__dirname)).toEqual([]);
  });

  it('catches a foreign platform table and a foreign tenant system table, not the DDL of migrations', () => {
    const libs = mkdtempSync(join(tmpdir(), 'table-ownership-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(libs, path, '..'), { recursive: true });
      writeFileSync(join(libs, path), text);
    };
    try {
      write('users/src/users.repository.ts', 'sql`SELECT * FROM schema_retained_items`');
      write('users/src/history.ts', "qualified(schema, '_record_history')");
      write('tenants/src/tenant-migrations/0001-record-history.ts', "qualified(schema, '_record_history')");
      write('dataschema/src/records/history.ts', "sql`INSERT INTO ${qualified(s, '_record_history')}`");
      expect(foreignTableReads(libs).sort()).toEqual([
        "users/src/history.ts: '_record_history' (owned by dataschema)",
        'users/src/users.repository.ts: FROM schema_retained_items (owned by dataschema)',
      ]);
    } finally {
      rmSync(libs, { recursive: true, force: true });
    }
  });
});
