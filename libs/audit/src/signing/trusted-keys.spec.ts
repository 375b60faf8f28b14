import { generateKeyPairSync } from 'node:crypto';
import { generateSigningKey, signHash, isValidSignature } from './audit-signing-key';
import { AuditTrustedKeys, parseTrustedPublicKeys } from './trusted-keys';

describe('trusted audit keys', () => {
  it('reads PEM blocks one after the other, also on one line with \\n escapes', () => {
    const [a, b] = [generateSigningKey(), generateSigningKey()];
    const both = `${a.publicKeyPem}\n${b.publicKeyPem}`;
    expect(parseTrustedPublicKeys(both).map((k) => k.keyId)).toEqual([a.keyId, b.keyId]);
    expect(parseTrustedPublicKeys(both.replace(/\n/g, '\\n')).map((k) => k.keyId)).toEqual([a.keyId, b.keyId]);
    expect(parseTrustedPublicKeys(undefined)).toEqual([]);
    expect(parseTrustedPublicKeys('  ')).toEqual([]);
  });

  it('refuses anything but Ed25519 public keys, naming the block', () => {
    const key = generateSigningKey();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => parseTrustedPublicKeys(`${key.publicKeyPem}${rsa.toString()}`)).toThrow(/key 2 is not an Ed25519 key/);
    expect(() => parseTrustedPublicKeys('3f9c0a8e1b2d4c56')).toThrow(/only PEM public keys/);
    expect(() => parseTrustedPublicKeys(`${key.publicKeyPem} junk`)).toThrow(/only PEM public keys/);
    const broken = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----';
    expect(() => parseTrustedPublicKeys(broken)).toThrow(/key 1 is not a readable public key/);
  });

  it('trusts the signing key first, then the listed ones, once each', () => {
    const signing = generateSigningKey();
    const old = generateSigningKey();
    const keys = AuditTrustedKeys.of(signing, `${old.publicKeyPem}${signing.publicKeyPem}`);
    expect(keys.list().map((k) => k.keyId)).toEqual([signing.keyId, old.keyId]);
    expect(keys.list()[0].publicKeyPem).toBe(signing.publicKeyPem);
    const hash = 'ab'.repeat(32);
    const publicKey = keys.publicKeys().get(old.keyId)!;
    expect(isValidSignature(publicKey, hash, signHash(old.privateKey, hash))).toBe(true);
    expect(keys.has(generateSigningKey().keyId)).toBe(false);
  });
});
