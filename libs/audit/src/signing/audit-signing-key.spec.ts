import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  generateSigningKey,
  isValidSignature,
  keyIdOf,
  parseSigningKey,
  privateKeyPem,
  signHash,
} from './audit-signing-key';

const HASH = 'ab'.repeat(32);

describe('audit signing key', () => {
  it('signs the UTF-8 bytes of the hash and verifies with the public key alone', () => {
    const key = generateSigningKey();
    const signature = signHash(key.privateKey, HASH);
    const publicKey = createPublicKey(key.publicKeyPem);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(isValidSignature(publicKey, HASH, signature)).toBe(true);
    expect(isValidSignature(publicKey, 'cd'.repeat(32), signature)).toBe(false);
    expect(isValidSignature(createPublicKey(generateSigningKey().publicKeyPem), HASH, signature)).toBe(false);
    expect(isValidSignature(publicKey, HASH, 'not base64 at all')).toBe(false);
  });

  it('reads PEM (also with \\n escapes) and base64 DER, and derives the same key id', () => {
    const key = generateSigningKey();
    const pem = privateKeyPem(key);
    const der = key.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    expect(parseSigningKey(pem).keyId).toBe(key.keyId);
    expect(parseSigningKey(pem.replace(/\n/g, '\\n')).keyId).toBe(key.keyId);
    expect(parseSigningKey(der).keyId).toBe(key.keyId);
    expect(key.keyId).toBe(keyIdOf(createPublicKey(key.publicKeyPem)));
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(generateSigningKey().keyId).not.toBe(key.keyId);
  });

  it('refuses other key types and garbage without echoing the input', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => parseSigningKey(rsa.toString())).toThrow(/not an Ed25519 private key/);
    expect(() => parseSigningKey('secret-garbage')).toThrow(/^((?!secret-garbage).)*$/);
  });
});
