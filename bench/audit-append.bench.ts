import { systemActor } from '@app/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuditKeysRepository,
  AuditQueryService,
  AuditRepository,
  AuditService,
  AuditSigner,
  AuditTrustedKeys,
  generateSigningKey,
} from '@app/audit';
import { timed } from './bench-database';

export interface BenchResult {
  name: string;
  ours: number;
  baseline: number;
  unit: string;
}

/**
 * Appending a chained, locked audit entry against the baseline of a plain INSERT of the same
 * columns, each in its own transaction, with `writers` concurrent writers on one chain.
 */
export async function auditAppendBench(
  dataSource: DataSource,
  entries: number,
  writers: number,
  tag: string,
): Promise<BenchResult> {
  const keys = new AuditKeysRepository(dataSource);
  const key = generateSigningKey();
  const signer = new AuditSigner(key, keys);
  await signer.onModuleInit();
  const audit = new AuditService(new AuditRepository(dataSource), signer);
  await dataSource.query(`CREATE TABLE bench_plain_log_${tag} (LIKE audit_log INCLUDING DEFAULTS)`);
  const perWriter = entries / writers;
  const run = (fn: (i: number) => Promise<unknown>) =>
    timed(async () => {
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) await fn(w * perWriter + i);
        }),
      );
    });
  const plainRound = () =>
    run((i) =>
      dataSource.transaction((m) =>
        m.query(
          `INSERT INTO bench_plain_log_${tag} (tenant_id, seq, at, action, entity_type, details, prev_hash, hash)
           VALUES ($1, $2, now(), 'bench.write', 'bench', $3, $4, $4)`,
          [randomUUID(), i + 1, { i }, '0'.repeat(64)],
        ),
      ),
    );
  let chain = randomUUID();
  const auditRound = () => {
    chain = randomUUID();
    return run((i) =>
      dataSource.transaction((m) =>
        audit.record(m, systemActor(), { tenantId: chain, action: 'bench.write', entityType: 'bench', details: { i } }),
      ),
    );
  };
  // Alternate three rounds of each and keep the best, so warm-up and noise do not pick a side.
  let baseline = Infinity;
  let ours = Infinity;
  for (let round = 0; round < 3; round++) {
    baseline = Math.min(baseline, await plainRound());
    ours = Math.min(ours, await auditRound());
  }
  const verifyMs = await timed(async () => {
    const result = await new AuditQueryService(new AuditRepository(dataSource), keys, AuditTrustedKeys.of(key)).verify(
      chain,
    );
    if (!result.valid || result.checked !== entries) throw new Error(`chain broken: ${JSON.stringify(result)}`);
  });
  console.log(`  verify of ${entries} entries: ${verifyMs.toFixed(0)} ms`);
  return { name: `audit append, ${entries} entries, ${writers} writers`, ours, baseline, unit: 'ms' };
}
