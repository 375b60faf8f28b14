import { PlainTransaction, sql, SqlDatabase } from '@app/core';
import { Injectable } from '@nestjs/common';
import { CHAIN_KEY, chainKey } from '../audit-chain';
import { AuditRow } from '../audit.repository';

/** A chain's last sealed entry, which the next one links to. */
export interface ChainLink {
  seq: number;
  hash: string;
}

/** What the sealer gives an unsealed entry: its place in the chain and the signature of its hash. */
export interface Seal extends ChainLink {
  id: string;
  prevHash: string;
  keyId: string;
  signature: string;
}

/** The unsealed entries of `audit_log`, and the seals the sealer writes through `audit_seal`. */
@Injectable()
export class AuditSealRepository {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * The highest write position among the chain's unsealed entries that have committed (or are
   * being sealed right now); null when there are none.
   */
  async lastUnsealedPos(tenantId: string | null): Promise<string | null> {
    const rows = await this.db.query<{ pos: string | null }>(
      sql`SELECT max(pos)::text AS pos FROM audit_log WHERE ${CHAIN_KEY} = ${chainKey(tenantId)} AND seq IS NULL`,
    );
    return rows[0].pos;
  }

  /**
   * The chains holding an entry still unsealed, written at least `olderThanMs` ago by its writer's
   * clock (every such chain, for 0).
   */
  async chainsWithUnsealed(olderThanMs: number): Promise<Array<string | null>> {
    const old = olderThanMs > 0 ? sql` AND at <= now() - make_interval(secs => ${olderThanMs / 1000})` : sql``;
    const rows = await this.db.query<{ tenant_id: string | null }>(
      sql`SELECT DISTINCT tenant_id FROM audit_log WHERE seq IS NULL${old}`,
    );
    return rows.map((row) => row.tenant_id);
  }

  /**
   * The chain's sealing lock, held until the transaction ends: one sealer per chain at a time,
   * whatever the number of processes. Without `wait`, answers false at once when another holds it.
   */
  async lock(tx: PlainTransaction, tenantId: string | null, wait: boolean): Promise<boolean> {
    const key = sql`hashtextextended('audit-seal:' || ${chainKey(tenantId)}::text, 0)`;
    if (wait) {
      await tx.query(sql`SELECT pg_advisory_xact_lock(${key})`);
      return true;
    }
    const [row] = await tx.query<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${key}) AS locked`);
    return row.locked;
  }

  /**
   * The chain's committed unsealed entries in write order (up to `upToPos` when given, leaving out
   * `skip`), with the chain's last sealed entry, which the first of them is to link to.
   */
  async unsealedAfterHead(
    tx: PlainTransaction,
    tenantId: string | null,
    upToPos: string | null,
    skip: readonly string[],
    limit: number,
  ): Promise<{ head: ChainLink | null; rows: AuditRow[] }> {
    const chain = chainKey(tenantId);
    const rows = await tx.query<AuditRow & { head_seq: string | null; head_hash: string | null }>(sql`
      WITH head AS MATERIALIZED (
        SELECT seq, hash FROM audit_log WHERE ${CHAIN_KEY} = ${chain} AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1)
      SELECT unsealed.*, head.seq AS head_seq, head.hash AS head_hash
        FROM (SELECT * FROM audit_log
               WHERE ${CHAIN_KEY} = ${chain} AND seq IS NULL
                 AND (${upToPos}::bigint IS NULL OR pos <= ${upToPos}::bigint) AND id <> ALL(${skip}::uuid[])
               ORDER BY pos LIMIT ${limit}) unsealed
        LEFT JOIN head ON true
       ORDER BY unsealed.pos`);
    const first = rows[0];
    const head = first?.head_seq && first.head_hash ? { seq: Number(first.head_seq), hash: first.head_hash } : null;
    return { head, rows };
  }

  /** Every unsealed entry of the chain after write position `afterPos` (rows without one first), for `verify`. */
  unsealedAfter(tenantId: string | null, afterPos: string | null, limit: number): Promise<AuditRow[]> {
    return this.db.query<AuditRow>(sql`
      SELECT * FROM audit_log
       WHERE ${CHAIN_KEY} = ${chainKey(tenantId)} AND seq IS NULL
         AND (${afterPos}::bigint IS NULL OR pos > ${afterPos}::bigint)
       ORDER BY pos NULLS FIRST LIMIT ${limit}`);
  }

  /** Writes the seals; every entry must still be unsealed, or nothing is written. */
  async seal(tx: PlainTransaction, seals: readonly Seal[]): Promise<void> {
    const [row] = await tx.query<{ sealed: number }>(sql`
      SELECT audit_seal(${seals.map((s) => s.id)}::uuid[], ${seals.map((s) => s.seq)}::bigint[],
                        ${seals.map((s) => s.prevHash)}::text[], ${seals.map((s) => s.hash)}::text[],
                        ${seals.map((s) => s.keyId)}::text[], ${seals.map((s) => s.signature)}::text[]) AS sealed`);
    if (row.sealed !== seals.length) {
      throw new Error(`audit_seal sealed ${row.sealed} of ${seals.length} entries: some were sealed already`);
    }
  }
}
