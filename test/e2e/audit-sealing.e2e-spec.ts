import { AuditService, parseSigningKey, WrittenAuditEntry } from '@app/audit';
import { resolveDatabaseRoles, systemActor, withTimeout } from '@app/core';
import { DailyReportRegistry } from '@app/notifications';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { standaloneAudit } from '../utils/standalone-audit';
import { asDatabaseSuperuser } from '../utils/superuser-database';
import { startTestApp, TestApp } from '../utils/test-app';

const SWEEP_MS = 200;
const TRIGGERS_OFF = { triggersOff: true };
const HASH = 'f'.repeat(64);

interface Entry {
  id: string;
  seq: number;
  hash: string;
  signature: string;
}

/** Polls `fn` until it answers something truthy; fails after `ms`. */
async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('audit entries written unchained and sealed after commit', () => {
  let t: TestApp;
  let admin: string;
  let audit: AuditService;
  let appUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ AUDIT_SEAL_SWEEP_MS: String(SWEEP_MS) });
    admin = await t.adminToken();
    audit = t.app.get(AuditService);
    appUrl = (await resolveDatabaseRoles(t.env)).appUrl;
  });

  afterAll(() => t.close());

  const write = (manager: EntityManager, chain: string, details: Record<string, unknown> = {}) =>
    audit.record(manager, systemActor(), { tenantId: chain, action: 'test.write', entityType: 'test', details });

  const commitOne = (chain: string, details: Record<string, unknown> = {}) =>
    t.db.transaction((manager) => write(manager, chain, details));

  /** A transaction left open, as a slow request's. */
  async function openTransaction(): Promise<QueryRunner> {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  /** Lists the chain through the API, which seals what has committed first. */
  const listed = async (chain: string): Promise<Entry[]> =>
    (await t.http.get(`/api/audit/chains/${chain}?pageSize=1000`, { token: admin })).body.results;

  const verify = async (chain: string) =>
    (await t.http.get(`/api/audit/chains/${chain}/verify`, { token: admin })).body;

  const isSealed = async (id: string) =>
    (await t.db.query(`SELECT 1 FROM audit_log WHERE id = $1 AND seq IS NOT NULL`, [id])).length === 1;

  /**
   * Holds the chain's sealing lock on a connection of its own, as a sealer at work (or hung) does;
   * no other sealer seals the chain until `release` or `crash`.
   */
  async function holdSealingLock(chain: string) {
    const client = new Client({ connectionString: appUrl });
    client.on('error', () => undefined); // the crash below ends its connection
    await client.connect();
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit-seal:' || $1::uuid::text, 0))`, [chain]);
    return {
      client,
      release: async () => {
        await client.query('COMMIT');
        await client.end();
      },
      crash: async () => {
        const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
        await asDatabaseSuperuser((owner) => owner.query('SELECT pg_terminate_backend($1)', [pid]));
      },
    };
  }

  /** A chain of `n` sealed entries, as the API lists them. */
  async function sealedChain(n: number): Promise<{ chain: string; entries: Entry[] }> {
    const chain = randomUUID();
    for (let i = 0; i < n; i++) await commitOne(chain, { i });
    const entries = await listed(chain);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    return { chain, entries };
  }

  it('lets a writer commit while another writer of the same chain holds its transaction open', async () => {
    const chain = randomUUID();
    const slow = await openTransaction();
    try {
      await write(slow.manager, chain, { writer: 'slow' });
      // With the chain locked until the slow writer's commit, this would wait for it.
      const fast = await withTimeout(commitOne(chain, { writer: 'fast' }), 5000, 'the second writer');
      expect((await listed(chain)).map((e) => e.id)).toEqual([fast.id]);
    } finally {
      await slow.rollbackTransaction();
      await slow.release();
    }
    expect(await verify(chain)).toEqual({ valid: true, checked: 1, firstBrokenId: null });
  });

  it('seals in commit order: an entry written first but committed last comes last', async () => {
    const chain = randomUUID();
    const first = await openTransaction();
    let writtenFirst: WrittenAuditEntry;
    try {
      writtenFirst = await write(first.manager, chain, { n: 'written first, committed last' });
      const committedFirst = await commitOne(chain, { n: 'written second, committed first' });
      expect((await listed(chain)).map((e) => [e.id, e.seq])).toEqual([[committedFirst.id, 1]]);
      await first.commitTransaction();

      expect((await listed(chain)).map((e) => [e.id, e.seq])).toEqual([
        [committedFirst.id, 1],
        [writtenFirst.id, 2],
      ]);
      const byWrite = await t.db.query(`SELECT id FROM audit_log WHERE tenant_id = $1 ORDER BY pos`, [chain]);
      expect(byWrite.map((r: { id: string }) => r.id)).toEqual([writtenFirst.id, committedFirst.id]);
    } finally {
      await first.release();
    }
    expect(await verify(chain)).toEqual({ valid: true, checked: 2, firstBrokenId: null });
  });

  it('seals right after the commit, with no read asking for it', async () => {
    // A writer of its own with a key only it trusts, its sweep off: nothing but its own
    // after-commit seal can put the entry into the chain (other processes refuse the key).
    const source = new DataSource({ type: 'postgres', url: appUrl, extra: { max: 3 } });
    await source.initialize();
    const own = await standaloneAudit(source, { sweepMs: 3_600_000 });
    try {
      const chain = randomUUID();
      const entry = await source.transaction((manager) =>
        own.audit.record(manager, systemActor(), { tenantId: chain, action: 'test.write', entityType: 'test' }),
      );
      await until('the entry sealed', () => isSealed(entry.id));
      const [row] = await t.db.query(`SELECT seq, key_id FROM audit_log WHERE id = $1`, [entry.id]);
      expect(row).toEqual({ seq: '1', key_id: own.key.keyId });
    } finally {
      await own.stop();
      await source.destroy();
    }
  });

  it('loses nothing when a writer dies between its commit and the seal: a sweep seals the entry', async () => {
    const source = new DataSource({ type: 'postgres', url: appUrl, extra: { max: 2 } });
    await source.initialize();
    const dead = await standaloneAudit(source, { key: parseSigningKey(process.env.AUDIT_SIGNING_KEY!) });
    await dead.stop(); // its sealer is gone: the commit below asks nobody to seal
    const chain = randomUUID();
    const entry = await source.transaction((manager) =>
      dead.audit.record(manager, systemActor(), { tenantId: chain, action: 'test.write', entityType: 'test' }),
    );
    await source.destroy();

    await until('a sweep to seal the entry', () => isSealed(entry.id));
    expect(await verify(chain)).toEqual({ valid: true, checked: 1, firstBrokenId: null });
  });

  it('loses nothing when a sealer dies mid-round: the next one seals every entry once', async () => {
    const chain = randomUUID();
    const sealer = await holdSealingLock(chain);
    const entries = [
      await commitOne(chain, { i: 0 }),
      await commitOne(chain, { i: 1 }),
      await commitOne(chain, { i: 2 }),
    ];
    // The stuck sealer got as far as sealing the first entry, uncommitted.
    await sealer.client.query(
      `SELECT audit_seal(ARRAY[$1]::uuid[], ARRAY[1]::bigint[], ARRAY[$2], ARRAY[$3], ARRAY['k'], ARRAY['s'])`,
      [entries[0].id, '0'.repeat(64), HASH],
    );
    expect(await isSealed(entries[0].id)).toBe(false);
    await sealer.crash();

    for (const entry of entries) await until('the entries sealed', () => isSealed(entry.id));
    expect((await listed(chain)).map((e) => [e.id, e.seq])).toEqual(entries.map((e, i) => [e.id, i + 1]));
    expect(await verify(chain)).toEqual({ valid: true, checked: 3, firstBrokenId: null });
  });

  it("anchors every chain's newest committed entry: the anchors route and the daily report seal first", async () => {
    const source = new DataSource({ type: 'postgres', url: appUrl, extra: { max: 2 } });
    await source.initialize();
    const quiet = await standaloneAudit(source, { key: parseSigningKey(process.env.AUDIT_SIGNING_KEY!) });
    await quiet.stop(); // nobody is asked to seal what it writes
    const chains = [randomUUID(), randomUUID()];
    try {
      for (const chain of chains) {
        await source.transaction((manager) =>
          quiet.audit.record(manager, systemActor(), { tenantId: chain, action: 'test.write', entityType: 'test' }),
        );
      }
    } finally {
      await source.destroy();
    }
    const report = await t.app.get(DailyReportRegistry, { strict: false }).build(new Date(0), new Date());
    const lines = report.find((part) => part.title === 'Audit anchors')?.lines ?? [];
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^Chain ${chains[0]}: seq 1, hash [0-9a-f]{64}, `)));
    const anchors = (await t.http.get('/api/audit/anchors', { token: admin })).body.results;
    expect(anchors).toContainEqual(expect.objectContaining({ chain: chains[1], seq: 1 }));
  });

  it('never seals an entry inserted without a trusted writer signature, and verify names it', async () => {
    // Someone with the app role's password but not the signing key.
    const chain = randomUUID();
    const before = await commitOne(chain, { i: 0 });
    const forged = randomUUID();
    await t.db.query(
      `INSERT INTO audit_log (id, tenant_id, at, action, entity_type, details, writer_key_id, writer_signature)
       VALUES ($1, $2, now(), 'tenant.member.add', 'membership', '{"role": "admin"}', $3, 'AAAA')`,
      [forged, chain, parseSigningKey(process.env.AUDIT_SIGNING_KEY!).keyId],
    );
    const after = await commitOne(chain, { i: 1 });
    expect((await listed(chain)).map((e) => e.id)).toEqual([before.id, after.id]);
    expect(await verify(chain)).toEqual({ valid: false, checked: 3, firstBrokenId: forged });
  });

  it('never seals an entry a superuser changed before its seal, and verify names it', async () => {
    const chain = randomUUID();
    const sealer = await holdSealingLock(chain);
    const entry = await commitOne(chain, { role: 'viewer' });
    await asDatabaseSuperuser(
      (owner) => owner.query(`UPDATE audit_log SET details = '{"role": "admin"}' WHERE id = $1`, [entry.id]),
      TRIGGERS_OFF,
    );
    await sealer.release();
    expect(await listed(chain)).toEqual([]);
    expect(await verify(chain)).toEqual({ valid: false, checked: 1, firstBrokenId: entry.id });
  });

  it('verify names sealed entries put in another order', async () => {
    const { chain, entries } = await sealedChain(4);
    await asDatabaseSuperuser(async (owner) => {
      const setSeq = (id: string, seq: number) => owner.query(`UPDATE audit_log SET seq = $2 WHERE id = $1`, [id, seq]);
      await setSeq(entries[1].id, -1);
      await setSeq(entries[2].id, 2);
      await setSeq(entries[1].id, 3);
    }, TRIGGERS_OFF);
    expect(await verify(chain)).toEqual({ valid: false, checked: 2, firstBrokenId: entries[2].id });
  });

  it('verify names the entry after one removed from the middle', async () => {
    const { chain, entries } = await sealedChain(4);
    await asDatabaseSuperuser(
      (owner) => owner.query(`DELETE FROM audit_log WHERE id = $1`, [entries[1].id]),
      TRIGGERS_OFF,
    );
    expect(await verify(chain)).toEqual({ valid: false, checked: 2, firstBrokenId: entries[2].id });
  });

  it('verify names tampered seals: a signature swapped, or a seal taken off to be sealed again later', async () => {
    const swapped = await sealedChain(3);
    await asDatabaseSuperuser(
      (owner) =>
        owner.query(`UPDATE audit_log SET signature = $2 WHERE id = $1`, [
          swapped.entries[1].id,
          swapped.entries[2].signature,
        ]),
      TRIGGERS_OFF,
    );
    expect(await verify(swapped.chain)).toEqual({ valid: false, checked: 2, firstBrokenId: swapped.entries[1].id });

    const resealed = await sealedChain(3);
    await asDatabaseSuperuser(
      (owner) =>
        owner.query(
          `UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL, key_id = NULL, signature = NULL, sealed_at = NULL
            WHERE id = $1`,
          [resealed.entries[1].id],
        ),
      TRIGGERS_OFF,
    );
    // The next seal puts it at the end, which leaves a gap where it was.
    expect(await verify(resealed.chain)).toEqual({ valid: false, checked: 2, firstBrokenId: resealed.entries[2].id });
    expect((await listed(resealed.chain)).map((e) => e.id)).toEqual([
      resealed.entries[0].id,
      resealed.entries[2].id,
      resealed.entries[1].id,
    ]);
  });

  it('lets nobody change a seal: the app role may not update, audit_seal skips sealed rows, the trigger refuses', async () => {
    const { chain, entries } = await sealedChain(1);
    await expect(t.db.query(`UPDATE audit_log SET seq = 2 WHERE id = $1`, [entries[0].id])).rejects.toThrow(
      /permission denied/,
    );
    const [{ sealed }] = await t.db.query(
      `SELECT audit_seal(ARRAY[$1]::uuid[], ARRAY[7]::bigint[], ARRAY[$2], ARRAY[$2], ARRAY['k'], ARRAY['s']) AS sealed`,
      [entries[0].id, HASH],
    );
    expect(sealed).toBe(0);

    const sealer = await holdSealingLock(chain);
    try {
      const unsealed = await commitOne(chain, { role: 'viewer' });
      await asDatabaseSuperuser(async (owner) => {
        await expect(
          owner.query(`UPDATE audit_log SET signature = 'x' WHERE id = $1`, [entries[0].id]),
        ).rejects.toThrow(/append-only/);
        // Sealing is the one change allowed, and only with nothing else changed.
        await expect(
          owner.query(
            `UPDATE audit_log SET seq = 2, prev_hash = $2, hash = $2, key_id = 'k', signature = 's',
                    details = '{"role": "admin"}' WHERE id = $1`,
            [unsealed.id, HASH],
          ),
        ).rejects.toThrow(/append-only/);
      });
    } finally {
      await sealer.release();
    }
    expect(await verify(chain)).toEqual({ valid: true, checked: 2, firstBrokenId: null });
  });
});
