import {
  AuditKeysRepository,
  AuditQueryService,
  AuditRepository,
  AuditSealer,
  AuditSealingLoop,
  AuditSealRepository,
  AuditService,
  AuditSigner,
  AuditSigningKey,
  AuditTrustedKeys,
  generateSigningKey,
  SealAfterCommit,
  WrittenDigests,
} from '@app/audit';
import { SqlDatabase } from '@app/core';
import { DataSource } from 'typeorm';

export interface StandaloneAudit {
  audit: AuditService;
  query: AuditQueryService;
  sealer: AuditSealer;
  loop: AuditSealingLoop;
  key: AuditSigningKey;
  /** Stops the sealing loop (waiting for its round); the data source stays open. */
  stop(): Promise<void>;
}

/**
 * The audit services wired by hand on a data source, as AuditModule wires them in a process (the
 * sealing loop running), for integration tests and benchmarks that run without the app.
 */
export async function standaloneAudit(
  dataSource: DataSource,
  options: { key?: AuditSigningKey; sweepMs?: number } = {},
): Promise<StandaloneAudit> {
  const db = new SqlDatabase(dataSource);
  const key = options.key ?? generateSigningKey();
  const keys = new AuditKeysRepository(dataSource);
  const signer = new AuditSigner(key, keys);
  await signer.onModuleInit();
  const trusted = AuditTrustedKeys.of(key);
  const seals = new AuditSealRepository(db);
  const written = new WrittenDigests();
  const sealer = new AuditSealer(db, seals, signer, trusted, written);
  const loop = new AuditSealingLoop({ AUDIT_SEAL_SWEEP_MS: options.sweepMs ?? 1000 }, sealer, seals);
  loop.onApplicationBootstrap();
  const repository = new AuditRepository(db);
  const audit = new AuditService(repository, signer, new SealAfterCommit(dataSource, loop), written);
  const query = new AuditQueryService(repository, keys, trusted, sealer, seals);
  return { audit, query, sealer, loop, key, stop: () => loop.onModuleDestroy() };
}
