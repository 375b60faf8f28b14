import { PlainTransaction, RequestActor } from '@app/core';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditEntryInput, WrittenAuditEntry } from './audit-entry';
import { entryDigest } from './audit-hash';
import { AuditRepository } from './audit.repository';
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
  async recordIn(tx: PlainTransaction, actor: RequestActor, input: AuditEntryInput): Promise<WrittenAuditEntry> {
    const written = await this.write(tx, actor, input);
    this.sealAfterCommit.addTo(tx, input.tenantId);
    return written;
  }

  private async write(
    runner: EntityManager | PlainTransaction,
    actor: RequestActor,
    input: AuditEntryInput,
  ): Promise<WrittenAuditEntry> {
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
    await this.repository.insertUnsealed(runner, { ...entry, writerKeyId: keyId, writerSignature: signature });
    this.written.remember(entry.id, digest);
    return { ...entry, details: entry.details as Record<string, unknown> };
  }
}
