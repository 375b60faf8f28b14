import { RequestActor } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditEntry, AuditEntryInput } from './audit-entry';
import { chainHash, GENESIS_HASH } from './audit-hash';
import { AuditRepository } from './audit.repository';
import { toCanonicalValue } from './canonical-json';
import { AuditSigner } from './signing/audit-signer';

/**
 * Appends entries to the hash chain of a tenant (or of the platform), each signed with this
 * process's key. Always called with the caller's transaction, so the audited change and its
 * entry commit together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly signer: AuditSigner,
  ) {}

  async record(manager: EntityManager, actor: RequestActor, input: AuditEntryInput): Promise<AuditEntry> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the change it records');
    }
    // What is hashed is exactly what is stored, whatever the caller put in (Dates, bigints, ...).
    const details = toCanonicalValue(input.details ?? {}, 'details');
    await this.repository.lockChain(manager, input.tenantId);
    const last = await this.repository.lastLink(manager, input.tenantId);
    const fields = {
      tenantId: input.tenantId,
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actorId: actor.userId,
      actorEmail: actor.email,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      requestId: actor.requestId,
      ip: actor.ip,
      details,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, fields);
    return this.repository.insert(manager, { ...fields, prevHash, hash, ...this.signer.sign(hash) });
  }
}
