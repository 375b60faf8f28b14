import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';

export const SIGNING_ALGORITHM = 'Ed25519';

/** The private key that signs new entries, with its public half and its id. */
export interface AuditSigningKey {
  keyId: string;
  privateKey: KeyObject;
  /** PEM, SPKI: what `GET /api/audit/keys` serves. */
  publicKeyPem: string;
}

/** A key id is derived from the public key (the first 16 hex digits of sha256 of its SPKI DER), so it never needs configuring. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

function fromPrivateKey(privateKey: KeyObject): AuditSigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function generateSigningKey(): AuditSigningKey {
  return fromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

export function privateKeyPem(key: AuditSigningKey): string {
  return key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * Reads an Ed25519 private key given as PKCS#8 PEM (real newlines or `\n` escapes, as env files
 * often carry them) or as the base64 of its PKCS#8 DER. The message never repeats the key.
 */
export function parseSigningKey(text: string): AuditSigningKey {
  const trimmed = text.trim();
  try {
    const privateKey = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey({ key: trimmed.replace(/\\n/g, '\n'), format: 'pem' })
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
    return fromPrivateKey(privateKey);
  } catch {
    throw new Error('AUDIT_SIGNING_KEY is not an Ed25519 private key (PKCS#8 PEM, or base64 of PKCS#8 DER)');
  }
}

/** signature = base64 Ed25519 signature of the UTF-8 bytes of the hex hash. */
export function signHash(privateKey: KeyObject, hash: string): string {
  return sign(null, Buffer.from(hash, 'utf8'), privateKey).toString('base64');
}

export function isValidSignature(publicKey: KeyObject, hash: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(hash, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
