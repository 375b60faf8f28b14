import {
  SealedAuditRow,
  AuditService,
  AuditSigningKey,
  chainHash,
  generateSigningKey,
  hashedFields,
  signHash,
  toAuditEntry,
} from '@app/audit';
import { systemActor } from '@app/core';
import { DailyReportRegistry } from '@app/notifications';
import { spawnSync } from 'node:child_process';
import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { addMember, createTenant, deleteTenant } from '../factories/tenants.factory';
import { createUser, login } from '../factories/users.factory';
import { asDatabaseSuperuser } from '../utils/superuser-database';
import { startTestApp, TestApp } from '../utils/test-app';

const ROOT = join(__dirname, '..', '..');

interface Entry {
  id: string;
  seq: number;
  hash: string;
  keyId: string;
  signature: string;
  action: string;
  details: Record<string, unknown>;
}

const TRIGGERS_OFF = { triggersOff: true };

/** The rows of one chain, read by the superuser, in order. */
const chainRows = (client: Client, tenantId: string) =>
  client
    .query<SealedAuditRow>(`SELECT * FROM audit_log WHERE tenant_id = $1 ORDER BY seq`, [tenantId])
    .then((r) => r.rows);

interface Link {
  seq: number;
  hash: string;
}

/** Appends a properly chained entry after `head`, signed with `key` and stored under `keyId`. */
async function appendSigned(
  client: Client,
  tenantId: string,
  head: Link,
  key: AuditSigningKey,
  keyId = key.keyId,
): Promise<Link & { id: string }> {
  const at = new Date().toISOString();
  const fields = hashedFields(tenantId, {
    seq: head.seq + 1,
    at,
    actorId: null,
    actorEmail: 'system',
    action: 'tenant.member.remove',
    entityType: 'membership',
    entityId: randomUUID(),
    requestId: null,
    ip: null,
    details: { role: 'admin' },
  });
  const hash = chainHash(head.hash, fields);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO audit_log (tenant_id, seq, at, actor_email, action, entity_type, entity_id, details, prev_hash, hash, key_id, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      tenantId,
      fields.seq,
      at,
      fields.actorEmail,
      fields.action,
      fields.entityType,
      fields.entityId,
      fields.details,
      head.hash,
      hash,
      keyId,
      signHash(key.privateKey, hash),
    ],
  );
  return { id: rows[0].id, seq: fields.seq, hash };
}

describe('audit integrity against a database superuser', () => {
  let t: TestApp;
  let admin: string;
  const slugs: string[] = [];
  const workDir = mkdtempSync(join(tmpdir(), 'strata-audit-offline-'));

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });

  afterAll(async () => {
    for (const slug of slugs) await deleteTenant(t, admin, slug);
    await t.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** A tenant whose chain has `members + 1` entries (its first admin, then each member added). */
  async function tenantWithChain(members = 3): Promise<{ id: string; slug: string }> {
    const first = await createUser(t, admin);
    const tenant = await createTenant(t, admin, { adminEmail: first.email });
    slugs.push(tenant.slug);
    for (let i = 0; i < members; i++) {
      const user = await createUser(t, admin);
      await addMember(t, admin, tenant.slug, user.email, 'viewer');
    }
    return { id: tenant.id, slug: tenant.slug };
  }

  const entries = async (slug: string): Promise<Entry[]> =>
    (await t.http.get(`/api/tenants/${slug}/audit?pageSize=1000`, { token: admin })).body.results;

  /** Runs the offline verifier of docs/audit.md on an NDJSON export and the served keys. */
  async function verifyOffline(slug: string, chain: string, anchor: string[] = []) {
    const exported = await t.http.get(`/api/tenants/${slug}/audit/export?format=ndjson`, { token: admin });
    const keys = await t.http.get('/api/audit/keys');
    const exportFile = join(workDir, `${slug}.ndjson`);
    const keysFile = join(workDir, 'keys.json');
    writeFileSync(exportFile, exported.text);
    writeFileSync(keysFile, keys.text);
    const run = spawnSync(
      process.execPath,
      ['scripts/verify-audit-export.mjs', exportFile, keysFile, chain, ...anchor],
      { cwd: ROOT, encoding: 'utf8' },
    );
    return { status: run.status, result: JSON.parse(run.stdout) };
  }

  it('serves the public keys without a token; each entry is signed by one of them', async () => {
    const tenant = await tenantWithChain(1);
    const res = await t.http.get('/api/audit/keys');
    expect(res.status).toBe(200);
    const keys = res.body.results as Array<{ keyId: string; algorithm: string; publicKey: string; createdAt: string }>;
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['algorithm', 'createdAt', 'keyId', 'publicKey']);
      expect(key.algorithm).toBe('Ed25519');
      expect(key.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(createPublicKey(key.publicKey).asymmetricKeyType).toBe('ed25519');
    }
    for (const entry of await entries(tenant.slug)) {
      const key = keys.find((k) => k.keyId === entry.keyId);
      expect(key).toBeDefined();
      const signature = Buffer.from(entry.signature, 'base64');
      expect(verify(null, Buffer.from(entry.hash, 'utf8'), createPublicKey(key!.publicKey), signature)).toBe(true);
    }
  });

  it('finds an entry rewritten by a superuser who recomputed every hash after it, naming it', async () => {
    const tenant = await tenantWithChain(3);
    const before = await entries(tenant.slug);
    expect((await t.http.get(`/api/tenants/${tenant.slug}/audit/verify`, { token: admin })).body).toEqual({
      valid: true,
      checked: before.length,
      firstBrokenId: null,
    });
    expect(await verifyOffline(tenant.slug, tenant.id)).toMatchObject({ status: 0, result: { valid: true } });

    const target = before[1];
    await asDatabaseSuperuser(async (client) => {
      const rows = await chainRows(client, tenant.id);
      let prevHash = rows[0].hash;
      for (const row of rows.slice(1)) {
        const details = row.id === target.id ? { ...row.details, role: 'admin', forged: true } : row.details;
        const hash = chainHash(prevHash, hashedFields(tenant.id, { ...toAuditEntry(row), details }));
        await client.query(`UPDATE audit_log SET details = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [
          row.id,
          details,
          prevHash,
          hash,
        ]);
        prevHash = hash;
      }
    }, TRIGGERS_OFF);

    const after = await t.http.get(`/api/tenants/${tenant.slug}/audit/verify`, { token: admin });
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ valid: false, checked: 2, firstBrokenId: target.id });
    expect(await verifyOffline(tenant.slug, tenant.id)).toEqual({
      status: 1,
      result: { valid: false, checked: 2, firstBrokenId: target.id },
    });
  });

  it('finds an entry a superuser inserted, even signed with a key of their own under a listed key id', async () => {
    const tenant = await tenantWithChain(2);
    const [head] = (await t.http.get(`/api/tenants/${tenant.slug}/audit/anchors`, { token: admin })).body.results;
    const forger = generateSigningKey();
    const inserted = await asDatabaseSuperuser(
      async (client) => (await appendSigned(client, tenant.id, head, forger, head.keyId)).id,
      TRIGGERS_OFF,
    );
    const res = await t.http.get(`/api/tenants/${tenant.slug}/audit/verify`, { token: admin });
    expect(res.body).toEqual({ valid: false, checked: head.seq + 1, firstBrokenId: inserted });
  });

  it('finds entries signed by a key a superuser listed in the database, naming the first', async () => {
    const tenant = await tenantWithChain(1);
    const [head] = (await t.http.get(`/api/tenants/${tenant.slug}/audit/anchors`, { token: admin })).body.results;
    const planted = generateSigningKey();
    const inserted = await asDatabaseSuperuser(async (client) => {
      await client.query(
        `INSERT INTO audit_signing_keys (key_id, algorithm, public_key, created_at) VALUES ($1, 'Ed25519', $2, $3)`,
        [planted.keyId, planted.publicKeyPem, '2020-01-01T00:00:00Z'],
      );
      const first = await appendSigned(client, tenant.id, head, planted);
      await appendSigned(client, tenant.id, first, planted);
      return first.id;
    }, TRIGGERS_OFF);

    const res = await t.http.get(`/api/tenants/${tenant.slug}/audit/verify`, { token: admin });
    expect(res.body).toEqual({ valid: false, checked: head.seq + 1, firstBrokenId: inserted });
    const served = (await t.http.get('/api/audit/keys')).body.results.map((k: { keyId: string }) => k.keyId);
    expect(served).not.toContain(planted.keyId);
    expect(await verifyOffline(tenant.slug, tenant.id)).toMatchObject({ status: 1, result: { valid: false } });
    const report = await t.app.get(DailyReportRegistry, { strict: false }).build(new Date(0), new Date());
    expect(report.find((part) => part.title === 'Audit anchors')?.lines).toContainEqual(
      expect.stringMatching(new RegExp(`^Untrusted key ${planted.keyId} recorded in the database since `)),
    );
  });

  it('an anchor catches the newest entries removed, which the chain alone cannot show', async () => {
    const tenant = await tenantWithChain(3);
    const list = await entries(tenant.slug);
    const anchors = await t.http.get(`/api/tenants/${tenant.slug}/audit/anchors`, { token: admin });
    expect(anchors.status).toBe(200);
    const head = list[list.length - 1];
    expect(anchors.body).toEqual({
      results: [
        {
          chain: tenant.id,
          seq: head.seq,
          hash: head.hash,
          keyId: head.keyId,
          signature: head.signature,
          at: expect.any(String),
        },
      ],
    });
    const anchor = `anchorSeq=${head.seq}&anchorHash=${head.hash}`;
    expect((await t.http.get(`/api/tenants/${tenant.slug}/audit/verify?${anchor}`, { token: admin })).body.valid).toBe(
      true,
    );

    // The daily report mail carries the same head, outside the database.
    const report = await t.app.get(DailyReportRegistry, { strict: false }).build(new Date(0), new Date());
    const section = report.find((part) => part.title === 'Audit anchors');
    expect(section?.lines).toContain(
      `Chain ${tenant.id}: seq ${head.seq}, hash ${head.hash}, signature ${head.signature} (key ${head.keyId})`,
    );

    await asDatabaseSuperuser(
      (client) => client.query(`DELETE FROM audit_log WHERE tenant_id = $1 AND seq > $2`, [tenant.id, head.seq - 2]),
      TRIGGERS_OFF,
    );
    const plain = await t.http.get(`/api/tenants/${tenant.slug}/audit/verify`, { token: admin });
    expect(plain.body).toEqual({ valid: true, checked: head.seq - 2, firstBrokenId: null });
    const anchored = await t.http.get(`/api/tenants/${tenant.slug}/audit/verify?${anchor}`, { token: admin });
    expect(anchored.body).toEqual({ valid: false, checked: head.seq - 2, firstBrokenId: null });
  });

  it('an anchor whose hash the chain no longer holds at its seq names that entry', async () => {
    const tenant = await tenantWithChain(1);
    const [first, second] = await entries(tenant.slug);
    const res = await t.http.get(
      `/api/tenants/${tenant.slug}/audit/verify?anchorSeq=${second.seq}&anchorHash=${first.hash}`,
      { token: admin },
    );
    expect(res.body).toEqual({ valid: false, checked: 2, firstBrokenId: second.id });
  });

  it('takes both parts of an anchor or neither', async () => {
    for (const query of ['anchorSeq=3', `anchorHash=${'a'.repeat(64)}`, 'anchorSeq=0&anchorHash=x']) {
      const res = await t.http.get(`/api/audit/verify?${query}`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('verifies entries whose details hold Dates, bigints and nested values', async () => {
    const chain = randomUUID();
    const audit = t.app.get(AuditService);
    const when = new Date('2026-05-06T07:08:09.123Z');
    await t.db.transaction((manager) =>
      audit.record(manager, systemActor(), {
        tenantId: chain,
        action: 'record.update',
        entityType: 'record',
        details: { before: { due: when, amount: '10.50' }, after: { due: new Date(), amount: 12n, tags: ['é', '☃'] } },
      }),
    );
    const list = await t.http.get(`/api/audit/chains/${chain}`, { token: admin });
    expect(list.body.results[0].details.before).toEqual({ due: '2026-05-06T07:08:09.123Z', amount: '10.50' });
    expect(list.body.results[0].details.after.amount).toBe('12');
    const res = await t.http.get(`/api/audit/chains/${chain}/verify`, { token: admin });
    expect(res.body).toEqual({ valid: true, checked: 1, firstBrokenId: null });
  });

  it("keeps a deleted tenant's chain readable, exportable and verifiable by the superadmin", async () => {
    const tenant = await tenantWithChain(2);
    const tenantAdmin = await createUser(t, admin);
    await addMember(t, admin, tenant.slug, tenantAdmin.email, 'admin');
    const adminToken = (await login(t, tenantAdmin.email, tenantAdmin.password)).accessToken;
    const head = (await t.http.get(`/api/tenants/${tenant.slug}/audit/anchors`, { token: admin })).body.results[0];
    await deleteTenant(t, admin, tenant.slug);
    expect((await t.http.get(`/api/tenants/${tenant.slug}/audit`, { token: admin })).status).toBe(404);

    const all = await t.http.get('/api/audit/anchors', { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.results[0].chain).toBe('platform');
    expect(all.body.results).toContainEqual(head);

    const list = await t.http.get(`/api/audit/chains/${tenant.id}?pageSize=1000`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(head.seq);
    expect(list.body.results.map((e: Entry) => e.action)).toContain('tenant.member.add');
    const anchor = `anchorSeq=${head.seq}&anchorHash=${head.hash}`;
    const verified = await t.http.get(`/api/audit/chains/${tenant.id}/verify?${anchor}`, { token: admin });
    expect(verified.body).toEqual({ valid: true, checked: head.seq, firstBrokenId: null });
    const exported = await t.http.get(`/api/audit/chains/${tenant.id}/export?format=ndjson`, { token: admin });
    expect(exported.status).toBe(200);
    expect(exported.text.trim().split('\n')).toHaveLength(head.seq + 1); // + its own audit.export entry

    expect((await t.http.get(`/api/audit/chains/${tenant.id}`, { token: adminToken })).status).toBe(403);
    expect((await t.http.get('/api/audit/anchors', { token: adminToken })).status).toBe(403);
    const bad = await t.http.get('/api/audit/chains/not-a-chain/verify', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'chain', message: 'must be platform or a tenant id (uuid)' }]);
  });
});
