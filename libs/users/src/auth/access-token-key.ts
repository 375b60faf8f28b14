import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * JWT_SECRET as a `KeyObject`. Given a string, jsonwebtoken's `verify` first tries to parse it as
 * a PEM public key (`crypto.createPublicKey`, which throws) on every call before it falls back to a
 * secret key: a large share of an authenticated request's CPU. A KeyObject skips that.
 */
export const accessTokenKey = (secret: string): KeyObject => createSecretKey(Buffer.from(secret, 'utf8'));
