import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, privateKeyPem } from './audit-signing-key';
import { loadSigningKey, signingKeyPath } from './load-signing-key';

describe('loadSigningKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'strata-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key in the file store once, readable only by its owner, and keeps using it', () => {
    const env = { NODE_ENV: 'development', FILE_STORE_DIR: dir };
    const first = loadSigningKey(env);
    const second = loadSigningKey(env);
    expect(second.keyId).toBe(first.keyId);
    expect(statSync(signingKeyPath(dir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(signingKeyPath(dir), 'utf8')).toContain('BEGIN PRIVATE KEY');
  });

  it('prefers AUDIT_SIGNING_KEY and writes nothing then', () => {
    const key = generateSigningKey();
    const loaded = loadSigningKey({ NODE_ENV: 'test', FILE_STORE_DIR: dir, AUDIT_SIGNING_KEY: privateKeyPem(key) });
    expect(loaded.keyId).toBe(key.keyId);
    expect(() => statSync(signingKeyPath(dir))).toThrow(/ENOENT/);
  });

  it('never generates one in production', () => {
    expect(() => loadSigningKey({ NODE_ENV: 'production', FILE_STORE_DIR: dir })).toThrow(/must be set in production/);
  });
});
