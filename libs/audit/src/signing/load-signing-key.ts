import { Env } from '@app/core';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditSigningKey, generateSigningKey, parseSigningKey, privateKeyPem } from './audit-signing-key';

/** Where development and test keep the key they generated, inside the file store. */
export const signingKeyPath = (fileStoreDir: string) => join(fileStoreDir, 'keys', 'audit-signing-key.pem');

/**
 * The key from AUDIT_SIGNING_KEY; without one (never in production, which loadEnv refuses) the
 * key kept in the file store, generated there on first use.
 */
export function loadSigningKey(env: Pick<Env, 'AUDIT_SIGNING_KEY' | 'FILE_STORE_DIR' | 'NODE_ENV'>): AuditSigningKey {
  if (env.AUDIT_SIGNING_KEY) return parseSigningKey(env.AUDIT_SIGNING_KEY);
  if (env.NODE_ENV === 'production') throw new Error('AUDIT_SIGNING_KEY must be set in production');
  return readOrCreateStoredKey(signingKeyPath(env.FILE_STORE_DIR));
}

/**
 * The API and an embedded or separate worker may start together on one file store: the key is
 * written whole to a temporary file and linked into place, which fails if another process got
 * there first; then everyone reads the one that won.
 */
function readOrCreateStoredKey(path: string): AuditSigningKey {
  try {
    return parseSigningKey(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, privateKeyPem(generateSigningKey()), { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return parseSigningKey(readFileSync(path, 'utf8'));
}
