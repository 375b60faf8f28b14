import { Env, ENV } from '@app/core';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditSigningKey, signHash } from './audit-signing-key';
import { AuditKeysRepository } from './audit-keys.repository';
import { loadSigningKey } from './load-signing-key';
import { AuditTrustedKeys } from './trusted-keys';

export const AUDIT_SIGNING_KEY_PROVIDER = Symbol('AUDIT_SIGNING_KEY_PROVIDER');

/** Loaded once per process at start-up: a bad or missing key stops the process there. */
export const auditSigningKeyProvider = {
  provide: AUDIT_SIGNING_KEY_PROVIDER,
  inject: [ENV],
  useFactory: (env: Env): AuditSigningKey => loadSigningKey(env),
};

/** Read once at start-up too: an unreadable AUDIT_TRUSTED_PUBLIC_KEYS stops the process. */
export const auditTrustedKeysProvider = {
  provide: AuditTrustedKeys,
  inject: [ENV, AUDIT_SIGNING_KEY_PROVIDER],
  useFactory: (env: Env, key: AuditSigningKey): AuditTrustedKeys =>
    AuditTrustedKeys.of(key, env.AUDIT_TRUSTED_PUBLIC_KEYS),
};

/** Signs entry hashes with this process's key, and lists its public key before anything is signed. */
@Injectable()
export class AuditSigner implements OnModuleInit {
  constructor(
    @Inject(AUDIT_SIGNING_KEY_PROVIDER) private readonly key: AuditSigningKey,
    private readonly keys: AuditKeysRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.keys.register(this.key);
  }

  get keyId(): string {
    return this.key.keyId;
  }

  sign(hash: string): { keyId: string; signature: string } {
    return { keyId: this.key.keyId, signature: signHash(this.key.privateKey, hash) };
  }
}
