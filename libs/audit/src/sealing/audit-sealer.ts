import { SqlDatabase } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { chainName } from '../audit-chain';
import { AuditEntryText } from '../audit-entry-text';
import { chainHashOf, entryDigestOf, GENESIS_HASH } from '../audit-hash';
import { AuditRow } from '../audit.repository';
import { AuditSigner } from '../signing/audit-signer';
import { AuditTrustedKeys } from '../signing/trusted-keys';
import { AuditSealRepository, ChainLink, Seal } from './audit-seal.repository';
import { isSignedByWriter, writtenFields } from './writer-signature';
import { WrittenDigests } from './written-digests';

/** Entries sealed per transaction. */
const BATCH_SIZE = 500;
/** Transactions of one `try` call at most, so one busy chain does not hold up the others. */
const TRY_BATCHES = 4;
/** Entries hashed and signed between two turns of the event loop, so requests are not held up for long. */
const ENTRIES_PER_TURN = 32;
/** Refused entries remembered so each is logged once per process. */
const REFUSED_REMEMBERED = 10_000;

/** `try`: give up when another sealer holds the chain. `wait`: wait for it, then seal what is left. */
export type SealMode = 'try' | 'wait';

export interface SealOutcome {
  sealed: number;
  /** True when `try` found the chain held by another sealer: whoever retries later seals the rest. */
  busy: boolean;
  /** True when `try` stopped after TRY_BATCHES full transactions: there is more to seal. */
  more: boolean;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Puts committed, unsealed entries of a chain into it: in one transaction that holds the chain's
 * sealing lock, each gets the next `seq`, the head's hash as `prevHash`, its `hash` and this
 * process's signature, in commit order: an entry committed after the last seal comes after every
 * entry sealed before, and entries committed between two seals follow their write order. Only
 * entries whose writer's signature checks out with a trusted key (or that this process wrote
 * itself, exactly so) are sealed; the others stay out of the chain, and `verify` names them.
 */
@Injectable()
export class AuditSealer {
  private readonly logger = new Logger(AuditSealer.name);
  private readonly refusedLogged = new Set<string>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly repository: AuditSealRepository,
    private readonly signer: AuditSigner,
    private readonly trustedKeys: AuditTrustedKeys,
    private readonly written: WrittenDigests,
  ) {}

  /**
   * Seals the chain's entries that committed before the call. With `wait`, every such entry is
   * sealed (or refused) when it returns, so a read that follows sees them in the chain; with
   * `try`, it gives up when another sealer holds the chain.
   */
  async sealChain(tenantId: string | null, mode: SealMode): Promise<SealOutcome> {
    let upToPos: string | null = null;
    if (mode === 'wait') {
      // Entries written after this are left to the seal their own commit asks for; without the
      // bound, a reader could keep sealing for as long as writers keep writing.
      upToPos = await this.repository.lastUnsealedPos(tenantId);
      if (upToPos === null) return { sealed: 0, busy: false, more: false };
    }
    const refused: string[] = [];
    let sealed = 0;
    for (let batches = 1; ; batches++) {
      // Without TypeORM's query runner, and without BEGIN and COMMIT: the lock is held until the Sync.
      const batch = await this.db.plainTransaction(async (tx) => {
        if (!(await this.repository.lock(tx, tenantId, mode === 'wait'))) return null;
        const { head, rows } = await this.repository.unsealedAfterHead(tx, tenantId, upToPos, refused, BATCH_SIZE);
        const seals = await this.sealsFor(tenantId, head, rows, refused);
        if (seals.length > 0) await this.repository.seal(tx, seals);
        return { sealed: seals.length, full: rows.length === BATCH_SIZE };
      });
      if (!batch) return { sealed, busy: true, more: false };
      sealed += batch.sealed;
      if (!batch.full) return { sealed, busy: false, more: false };
      if (mode === 'try' && batches === TRY_BATCHES) return { sealed, busy: false, more: true };
    }
  }

  /** Seals every chain that has unsealed entries, waiting for other sealers: before listing every head. */
  async sealAll(): Promise<void> {
    for (const tenantId of await this.repository.chainsWithUnsealed(0)) await this.sealChain(tenantId, 'wait');
  }

  private async sealsFor(
    tenantId: string | null,
    head: ChainLink | null,
    rows: AuditRow[],
    refused: string[],
  ): Promise<Seal[]> {
    const publicKeys = this.trustedKeys.publicKeys();
    const seals: Seal[] = [];
    let last: ChainLink = head ?? { seq: 0, hash: GENESIS_HASH };
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % ENTRIES_PER_TURN === 0) await nextTurn();
      const fields = writtenFields(row);
      // One walk of the details for both the writer's digest and the chain's hash.
      const text = AuditEntryText.of(fields);
      const digest = entryDigestOf(text.written(fields.id, fields.tenantId));
      if (!this.written.take(row.id, digest) && !isSignedByWriter(row, publicKeys, digest)) {
        refused.push(row.id);
        this.logRefused(tenantId, row);
        continue;
      }
      const seq = last.seq + 1;
      const hash = chainHashOf(last.hash, text.hashed(seq, tenantId));
      seals.push({ id: row.id, seq, prevHash: last.hash, hash, ...this.signer.sign(hash) });
      last = { seq, hash };
    }
    return seals;
  }

  private logRefused(tenantId: string | null, row: AuditRow): void {
    if (this.refusedLogged.has(row.id)) return;
    if (this.refusedLogged.size >= REFUSED_REMEMBERED) this.refusedLogged.clear();
    this.refusedLogged.add(row.id);
    this.logger.warn(
      { chain: chainName(tenantId), entryId: row.id, writerKeyId: row.writer_key_id },
      'Audit entry not sealed: its writer signature does not check out with a trusted key (verify names it)',
    );
  }
}
