import { Env, InjectEnv } from '@app/core';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { KeyObject } from 'node:crypto';
import { AccessTokenClaims, isAccessTokenClaims } from './access-token';
import { accessTokenKey } from './access-token-key';

const MAX_REMEMBERED_TOKENS = 10_000;

interface Verified {
  claims: AccessTokenClaims;
  /** `exp` in milliseconds: the token stops being valid then. */
  expiresAtMs: number;
}

/**
 * Verifies access tokens (HS256 only, with the `KeyObject` of JWT_SECRET). A token that verified
 * is remembered until its `exp`, so a client's next requests skip the signature check: the key
 * never changes while the process runs, and only tokens this server signed get in. Refusals are
 * jsonwebtoken's errors (`TokenExpiredError`, `JsonWebTokenError`, `NotBeforeError`), or null
 * for a valid token that is not one of our access tokens.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly key: KeyObject;
  private readonly remembered = new Map<string, Verified>();

  constructor(
    private readonly jwt: JwtService,
    @InjectEnv() env: Env,
  ) {
    this.key = accessTokenKey(env.JWT_SECRET);
  }

  verify(token: string): AccessTokenClaims | null {
    const known = this.remembered.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.claims;
      this.remembered.delete(token);
    }
    // @nestjs/jwt types the secret as string | Buffer; jsonwebtoken takes a KeyObject as well.
    const payload: unknown = this.jwt.verify(token, { secret: this.key as unknown as Buffer, algorithms: ['HS256'] });
    if (!isAccessTokenClaims(payload)) return null;
    const exp = (payload as { exp?: unknown }).exp;
    if (typeof exp === 'number') this.remember(token, { claims: payload, expiresAtMs: exp * 1000 });
    return payload;
  }

  private remember(token: string, verified: Verified): void {
    if (this.remembered.size >= MAX_REMEMBERED_TOKENS) {
      this.remembered.delete(this.remembered.keys().next().value as string);
    }
    this.remembered.set(token, verified);
  }
}
