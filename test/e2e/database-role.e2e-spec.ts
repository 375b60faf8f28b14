import { generateKeyPairSync } from 'node:crypto';
import { loadEnv, prepareDatabase, resolveDatabaseRoles, roleOf } from '@app/core';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { Client } from 'pg';
import { createTenant } from '../factories/tenants.factory';
import { asDatabaseSuperuser } from '../utils/superuser-database';
import { startTestApp, TestApp } from '../utils/test-app';
import { BASE_DATABASE_URL, databaseUrlFor, dropDatabase, uniqueSuffix } from '../utils/test-database';

/** Whether `password` is the one a `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` verifier was made from. */
function scramMatches(verifier: string, password: string): boolean {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):/.exec(verifier);
  if (!match) return false;
  const salted = pbkdf2Sync(password, Buffer.from(match[2], 'base64'), Number(match[1]), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return createHash('sha256').update(clientKey).digest('base64') === match[3];
}

async function ownerOf(client: Client, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ owner: string }>(
    `SELECT DISTINCT pg_get_userbyid(owner) AS owner FROM (
       SELECT nspowner AS owner FROM pg_namespace WHERE nspname = $1
       UNION ALL SELECT relowner FROM pg_class WHERE relnamespace = $1::regnamespace) o`,
    [schema],
  );
  return rows.map((r) => r.owner);
}

describe('the database role the app runs as', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is the provisioned role: no superuser, not the owner of audit_log nor a member of its role', async () => {
    const [row] = await t.db.query(
      `SELECT current_user AS role, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolbypassrls,
              pg_get_userbyid(c.relowner) AS audit_owner, pg_has_role(current_user, c.relowner, 'MEMBER') AS member
         FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'public.audit_log'::regclass`,
    );
    expect(row).toEqual({
      role: t.env.DATABASE_APP_ROLE,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolbypassrls: false,
      audit_owner: roleOf(t.env.DATABASE_URL),
      member: false,
    });
  });

  it('cannot switch the audit trigger off or change entries, whatever statement it sends', async () => {
    const refused: Array<[string, RegExp]> = [
      ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only', /must be owner/],
      ['ALTER TABLE audit_log DISABLE TRIGGER ALL', /must be owner/],
      ['DROP TRIGGER audit_log_append_only ON audit_log', /must be owner/],
      ['ALTER TABLE audit_log OWNER TO CURRENT_USER', /must be owner/],
      ['DROP TABLE audit_log', /must be owner/],
      [
        'CREATE OR REPLACE FUNCTION public.audit_log_append_only() RETURNS trigger LANGUAGE sql AS $$ SELECT NULL $$',
        /must be owner|permission denied/,
      ],
      [
        `CREATE OR REPLACE FUNCTION public.audit_seal(uuid[], bigint[], text[], text[], text[], text[])
         RETURNS integer LANGUAGE sql SECURITY DEFINER AS $$ UPDATE public.audit_log SET action = 'forged' RETURNING 1 $$`,
        /must be owner|permission denied/,
      ],
      ['SET session_replication_role = replica', /permission denied/],
      [`SET ROLE ${roleOf(t.env.DATABASE_URL)}`, /permission denied/],
      [`UPDATE audit_log SET action = 'forged'`, /permission denied/],
      ['DELETE FROM audit_log', /permission denied/],
      ['TRUNCATE audit_log', /permission denied/],
      ['DELETE FROM platform_migrations', /permission denied/],
    ];
    for (const [statement, error] of refused) {
      await expect(t.db.query(statement)).rejects.toThrow(error);
    }
    const triggers = await asDatabaseSuperuser(
      async (owner) =>
        (await owner.query(`SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass ORDER BY 1`))
          .rows,
    );
    expect(triggers).toEqual([
      { tgname: 'audit_log_append_only', tgenabled: 'O' },
      { tgname: 'audit_log_no_truncate', tgenabled: 'O' },
    ]);
  });

  it('logs in with the password that every process derives from JWT_SECRET', async () => {
    const roles = await resolveDatabaseRoles(t.env);
    const password = decodeURIComponent(new URL(roles.appUrl).password);
    const [stored] = await asDatabaseSuperuser(
      async (owner) =>
        (await owner.query(`SELECT rolpassword FROM pg_authid WHERE rolname = $1`, [t.env.DATABASE_APP_ROLE])).rows,
    );
    expect(scramMatches(stored.rolpassword, password)).toBe(true);
    expect(scramMatches(stored.rolpassword, `${password}x`)).toBe(false);
  });

  it('owns the tenant schemas it creates and takes over those made before it had a role', async () => {
    const tenant = await createTenant(t, admin);
    await asDatabaseSuperuser(async (owner) => {
      expect(await ownerOf(owner, tenant.schemaName)).toEqual([t.env.DATABASE_APP_ROLE]);
      // As a tenant created while the app still ran as the superuser would be.
      await owner.query(`ALTER SCHEMA "${tenant.schemaName}" OWNER TO CURRENT_USER`);
      await owner.query(`ALTER TABLE "${tenant.schemaName}"."_record_history" OWNER TO CURRENT_USER`);
      await owner.query(`ALTER TABLE "${tenant.schemaName}"."_import_batches" OWNER TO CURRENT_USER`);
      await owner.query(`ALTER TABLE "${tenant.schemaName}"."_record_history_batches" OWNER TO CURRENT_USER`);
      await owner.query(`CREATE TYPE "${tenant.schemaName}".mood AS ENUM ('ok')`);
      await owner.query(`CREATE SEQUENCE "${tenant.schemaName}".counter`);
      await owner.query(`CREATE VIEW "${tenant.schemaName}".latest AS SELECT 1 AS one`);
      expect(await ownerOf(owner, tenant.schemaName)).toEqual([roleOf(t.env.DATABASE_URL)]);
    });

    await prepareDatabase(t.env);

    await asDatabaseSuperuser(async (owner) => {
      expect(await ownerOf(owner, tenant.schemaName)).toEqual([t.env.DATABASE_APP_ROLE]);
      const types = await owner.query(
        `SELECT pg_get_userbyid(typowner) AS owner FROM pg_type WHERE typname = 'mood' AND typnamespace = $1::regnamespace`,
        [tenant.schemaName],
      );
      expect(types.rows).toEqual([{ owner: t.env.DATABASE_APP_ROLE }]);
    });
    // Dropping the schema with everything in it needs the app to own all of it.
    const res = await t.http.delete(`/api/tenants/${tenant.slug}?confirm=${tenant.slug}`, { token: admin });
    expect(res.status).toBe(204);
  });
});

describe('DATABASE_APP_URL: the production set-up with two roles', () => {
  const suffix = uniqueSuffix();
  const databaseName = `strata_test_roles_${suffix}`;
  const appRole = `strata_test_app_${suffix}`;
  const appUrl = (() => {
    const url = new URL(databaseUrlFor(databaseName));
    url.username = appRole;
    url.password = 'app-role-password';
    return url.toString();
  })();

  async function asServerSuperuser(sql: string): Promise<void> {
    const client = new Client({ connectionString: BASE_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  const otherSuperuser = `strata_test_super_${suffix}`;

  beforeAll(async () => {
    await asServerSuperuser(`CREATE ROLE ${appRole} LOGIN PASSWORD 'app-role-password'`);
    await asServerSuperuser(`CREATE ROLE ${otherSuperuser} SUPERUSER LOGIN`);
  });
  afterAll(async () => {
    await dropDatabase(databaseName);
    await asServerSuperuser(`DROP ROLE IF EXISTS ${appRole}`);
    await asServerSuperuser(`DROP ROLE IF EXISTS ${otherSuperuser}`);
  });

  it("runs the app's queries as the role it names, granted what it needs by the owner", async () => {
    const t = await startTestApp({ DATABASE_URL: databaseUrlFor(databaseName), DATABASE_APP_URL: appUrl });
    try {
      const [row] = await t.db.query(`SELECT current_user AS role`);
      expect(row.role).toBe(appRole);
      await expect(t.db.query('ALTER TABLE audit_log DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
      const admin = await t.adminToken();
      const tenant = await createTenant(t, admin);
      const audit = await t.http.get(`/api/audit?action=tenant.create`, { token: admin });
      expect(audit.body.results.map((e: { entityId: string }) => e.entityId)).toContain(tenant.id);
      const res = await t.http.delete(`/api/tenants/${tenant.slug}?confirm=${tenant.slug}`, { token: admin });
      expect(res.status).toBe(204);
    } finally {
      await t.close();
    }
  });

  it('refuses to start when DATABASE_APP_URL names a superuser or the owner itself', async () => {
    const superuserUrl = new URL(databaseUrlFor(databaseName));
    superuserUrl.username = otherSuperuser;
    const withAppUrl = (url: string) =>
      loadEnv({ ...process.env, DATABASE_URL: databaseUrlFor(databaseName), DATABASE_APP_URL: url });
    await expect(prepareDatabase(withAppUrl(superuserUrl.toString()))).rejects.toThrow(
      /is a superuser, owns audit_log/,
    );
    await expect(prepareDatabase(withAppUrl(databaseUrlFor(databaseName)))).rejects.toThrow(
      /must name another role than DATABASE_URL/,
    );
  });

  it('never demotes an existing superuser that DATABASE_APP_ROLE names', async () => {
    const env = loadEnv({
      ...process.env,
      DATABASE_URL: databaseUrlFor(databaseName),
      DATABASE_APP_ROLE: otherSuperuser,
    });
    await expect(prepareDatabase(env)).rejects.toThrow(/is an existing superuser/);
    const client = new Client({ connectionString: BASE_DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = $1`, [otherSuperuser]);
    await client.end();
    expect(rows).toEqual([{ rolsuper: true }]);
  });

  it('refuses to start in production when DATABASE_URL is no superuser and DATABASE_APP_URL is unset', async () => {
    const env = loadEnv({
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-32-characters-at-least',
      ADMIN_PASSWORD: 'a-production-password',
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      DATABASE_URL: appUrl,
      DATABASE_APP_URL: '',
    });
    await expect(prepareDatabase(env)).rejects.toThrow(/is not a superuser.*set DATABASE_APP_URL/);
  });
});
