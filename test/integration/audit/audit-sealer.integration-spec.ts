import { loadEnv, platformDataSourceOptions, raw, sql, SqlDatabase, systemActor } from '@app/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { QueryRecorder } from '../../utils/query-recorder';
import { standaloneAudit, StandaloneAudit } from '../../utils/standalone-audit';

/**
 * The sealer over more entries than one sealing transaction takes (500): every entry sealed once,
 * in write order when they all committed before the seal, and a `try` call that stops after four
 * transactions so one busy chain does not hold up the others.
 */
describe('audit sealer, in batches', () => {
  let db: DataSource;
  let audit: StandaloneAudit;

  beforeAll(async () => {
    db = new DataSource({
      ...platformDataSourceOptions(loadEnv({ ...process.env, NODE_ENV: 'test' })),
      extra: { max: 3 },
    });
    await db.initialize();
    audit = await standaloneAudit(db);
    await audit.stop(); // nothing seals but the calls below
  });

  afterAll(async () => {
    await db?.destroy();
  });

  async function writeUnsealed(chain: string, count: number): Promise<string[]> {
    return db.transaction(async (manager) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const entry = await audit.audit.record(manager, systemActor(), {
          tenantId: chain,
          action: 'test.write',
          entityType: 'test',
          details: { i },
        });
        ids.push(entry.id);
      }
      return ids;
    });
  }

  const bySeq = async (chain: string): Promise<string[]> =>
    (await db.query(`SELECT id FROM audit_log WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq`, [chain])).map(
      (r: { id: string }) => r.id,
    );

  it('seals every entry once, in write order, however many there are', async () => {
    const chain = randomUUID();
    const ids = await writeUnsealed(chain, 1234);
    expect(await audit.sealer.sealChain(chain, 'wait')).toEqual({ sealed: 1234, busy: false, more: false });
    expect(await bySeq(chain)).toEqual(ids);
    expect(await audit.sealer.sealChain(chain, 'wait')).toEqual({ sealed: 0, busy: false, more: false });
    expect(await audit.query.verify(chain)).toEqual({ valid: true, checked: 1234, firstBrokenId: null });
  });

  it('stops a try after four transactions, saying there is more', async () => {
    const chain = randomUUID();
    await writeUnsealed(chain, 2100);
    expect(await audit.sealer.sealChain(chain, 'try')).toEqual({ sealed: 2000, busy: false, more: true });
    expect(await audit.sealer.sealChain(chain, 'try')).toEqual({ sealed: 100, busy: false, more: false });
    expect(await audit.query.verify(chain)).toEqual({ valid: true, checked: 2100, firstBrokenId: null });
  });

  it('seals in three statements, without BEGIN or COMMIT', async () => {
    const chain = randomUUID();
    await writeUnsealed(chain, 3);
    const recorder = new QueryRecorder(db);
    const { result, queries } = await recorder.record(() => audit.sealer.sealChain(chain, 'try'));
    expect(result).toEqual({ sealed: 3, busy: false, more: false });
    expect(queries).toHaveLength(3);
    expect(queries[0]).toContain('pg_try_advisory_xact_lock');
    expect(queries[2]).toContain('audit_seal(');
    expect(await audit.query.verify(chain)).toEqual({ valid: true, checked: 3, firstBrokenId: null });
  });

  it("holds the chain's sealing lock until the transaction without BEGIN ends, and not after", async () => {
    const key = `hashtextextended('audit-seal:' || '${randomUUID()}', 0)`;
    /** Whether another connection finds the lock held (it takes it only for the moment it asks). */
    const lockedElsewhere = async () => {
      const other = db.createQueryRunner();
      await other.connect();
      await other.startTransaction();
      try {
        const [row] = (await other.query(`SELECT pg_try_advisory_xact_lock(${key}) AS locked`)) as Array<{
          locked: boolean;
        }>;
        return !row.locked;
      } finally {
        await other.rollbackTransaction();
        await other.release();
      }
    };
    const plain = new SqlDatabase(db);
    let heldInside = false;
    await plain.plainTransaction(async (tx) => {
      await tx.query(sql`SELECT pg_try_advisory_xact_lock(${raw(key)})`);
      await tx.query(sql`SELECT 1`);
      heldInside = await lockedElsewhere();
    });
    expect(heldInside).toBe(true);
    expect(await lockedElsewhere()).toBe(false);
  });

  it('gives up a try while another sealer holds the chain', async () => {
    const chain = randomUUID();
    await writeUnsealed(chain, 3);
    const held = db.createQueryRunner();
    await held.connect();
    await held.startTransaction();
    try {
      await held.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit-seal:' || $1::uuid::text, 0))`, [chain]);
      expect(await audit.sealer.sealChain(chain, 'try')).toEqual({ sealed: 0, busy: true, more: false });
    } finally {
      await held.rollbackTransaction();
      await held.release();
    }
    expect(await audit.sealer.sealChain(chain, 'try')).toEqual({ sealed: 3, busy: false, more: false });
  });
});
