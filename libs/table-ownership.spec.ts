import { readdirSync, readFileSync } from 'node:fs';
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
};

const TABLE_REFERENCE = new RegExp(
  String.raw`\b(?:FROM|JOIN|INTO|UPDATE|TABLE|ON)\s+(?:public\.)?"?(${Object.keys(OWNERS).join('|')})"?\b`,
  'gi',
);

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'migrations') yield* sources(path);
    } else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) yield path;
  }
}

export function foreignTableReads(libsDir: string): string[] {
  const found: string[] = [];
  for (const lib of readdirSync(libsDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const file of sources(join(libsDir, lib.name, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(TABLE_REFERENCE)) {
        const owner = OWNERS[match[1].toLowerCase()];
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
});
