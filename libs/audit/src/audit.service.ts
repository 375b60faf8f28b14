import { PlainTransaction, RequestActor } from '@app/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditEntryInput, WrittenAuditEntry } from './audit-entry';
import { entryDigest } from './audit-hash';
import { AuditRepository, insertUnsealedQuery, NewAuditRow } from './audit.repository';
import { toCanonicalValue } from './canonical-json';
import { SealAfterCommit } from './sealing/seal-after-commit';
import { WrittenDigests } from './sealing/written-digests';
import { AuditSigner } from './signing/audit-signer';

/**
 * Writes entries of a tenant's chain (or the platform's), signed by this process's key. Always
 * called with the caller's transaction, so the audited change and its entry commit together or
 * not at all. The entry is written unchained: no lock, no read of the chain, so writers of one
 * chain never wait for each other; a sealer puts it into the chain in commit order right after
 * the commit (docs/audit.md, "Sealing").
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly signer: AuditSigner,
    private readonly sealAfterCommit: SealAfterCommit,
    private readonly written: WrittenDigests,
  ) {}

  async record(manager: EntityManager, actor: RequestActor, input: AuditEntryInput): Promise<WrittenAuditEntry> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the change it records');
    }
    const written = await this.write(manager, actor, input);
    this.sealAfterCommit.add(manager, input.tenantId);
    return written;
  }

  /** `record` in a transaction without TypeORM (`SqlDatabase.plainTransaction`). */
  recordIn(tx: PlainTransaction, actor: RequestActor, input: AuditEntryInput): WrittenAuditEntry {
    const { row, written } = this.signed(actor, input);
    // Sent with the commit: the entry needs no answer, so it costs no round trip of its own.
    tx.defer(insertUnsealedQuery(row));
    this.sealAfterCommit.addTo(tx, input.tenantId);
    return written;
  }

  private async write(manager: EntityManager, actor: RequestActor, input: AuditEntryInput): Promise<WrittenAuditEntry> {
    const { row, written } = this.signed(actor, input);
    await this.repository.insertUnsealed(manager, row);
    return written;
  }

  /** The entry as stored, signed by this process's key; remembered for the sealer once written. */
  private signed(actor: RequestActor, input: AuditEntryInput): { row: NewAuditRow; written: WrittenAuditEntry } {
    const entry = {
      id: randomUUID(),
      tenantId: input.tenantId,
      at: new Date().toISOString(),
      actorId: actor.userId,
      actorEmail: actor.email,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      requestId: actor.requestId,
      ip: actor.ip,
      // What is signed is exactly what is stored, whatever the caller put in (Dates, bigints, ...).
      details: toCanonicalValue(input.details ?? {}, 'details'),
    };
    const digest = entryDigest(entry);
    const { keyId, signature } = this.signer.sign(digest);
    // Remembered before it commits: the sealer only ever looks it up once it has committed.
    this.written.remember(entry.id, digest);
    return {
      row: { ...entry, writerKeyId: keyId, writerSignature: signature },
      written: { ...entry, details: entry.details as Record<string, unknown> },
    };
  }
}
