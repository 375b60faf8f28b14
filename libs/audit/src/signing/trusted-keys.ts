import { createPublicKey, KeyObject } from 'node:crypto';
import { AuditSigningKey, keyIdOf } from './audit-signing-key';

/** A public key `verify` accepts signatures from, because it was configured outside the database. */
export interface TrustedPublicKey {
  keyId: string;
  /** PEM, SPKI, as `GET /api/audit/keys` serves it. */
  publicKeyPem: string;
  publicKey: KeyObject;
}

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

function trusted(publicKey: KeyObject): TrustedPublicKey {
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicKey,
  };
}

/**
 * Reads AUDIT_TRUSTED_PUBLIC_KEYS: SPKI PEM blocks one after the other (real newlines or `\n`
 * escapes, anything between blocks ignored). A value that holds something else, or a key that is
 * not Ed25519, is refused with the block's number, so a typo cannot silently drop a key.
 */
export function parseTrustedPublicKeys(text: string | undefined): TrustedPublicKey[] {
  const value = (text ?? '').replace(/\\n/g, '\n').trim();
  if (!value) return [];
  const blocks = value.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0 || value.replace(PEM_BLOCK, '').trim() !== '') {
    throw new Error('AUDIT_TRUSTED_PUBLIC_KEYS must hold only PEM public keys (-----BEGIN PUBLIC KEY-----)');
  }
  return blocks.map((block, i) => {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: block, format: 'pem' });
    } catch {
      throw new Error(`AUDIT_TRUSTED_PUBLIC_KEYS: key ${i + 1} is not a readable public key`);
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new Error(`AUDIT_TRUSTED_PUBLIC_KEYS: key ${i + 1} is not an Ed25519 key`);
    }
    return trusted(key);
  });
}

/**
 * The keys `verify` and `GET /api/audit/keys` trust: this process's signing key and the earlier
 * public keys the operator lists in AUDIT_TRUSTED_PUBLIC_KEYS. Never a key read from the
 * database, where whoever holds it could list a key of their own.
 */
export class AuditTrustedKeys {
  private readonly byId = new Map<string, TrustedPublicKey>();

  constructor(keys: readonly TrustedPublicKey[]) {
    for (const key of keys) if (!this.byId.has(key.keyId)) this.byId.set(key.keyId, key);
  }

  static of(signing: AuditSigningKey, listed?: string): AuditTrustedKeys {
    return new AuditTrustedKeys([trusted(createPublicKey(signing.privateKey)), ...parseTrustedPublicKeys(listed)]);
  }

  /** Key id to public key, for the chain verifier. */
  publicKeys(): ReadonlyMap<string, KeyObject> {
    return new Map([...this.byId].map(([keyId, key]) => [keyId, key.publicKey]));
  }

  /** The signing key first, then the listed ones in their order. */
  list(): TrustedPublicKey[] {
    return [...this.byId.values()];
  }

  has(keyId: string): boolean {
    return this.byId.has(keyId);
  }
}
