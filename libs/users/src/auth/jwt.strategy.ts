import { AccessCache, AccessCacheVersion, AuthUser, Env, InjectEnv } from '@app/core';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { UsersRepository } from '../users.repository';
import { isAccessTokenClaims } from './access-token';
import { accessTokenKey } from './access-token-key';

export const JWT_STRATEGY = 'jwt';
const MAX_CACHED_USERS = 10_000;

/**
 * Verifies bearer tokens (HS256 only) and finds their user: missing or inactive users fail. The
 * user is cached per process (`AccessCache`), so a deactivation still counts on the next request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  private readonly cache: AccessCache<AuthUser>;

  constructor(
    @InjectEnv() env: Env,
    private readonly users: UsersRepository,
    version: AccessCacheVersion,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken as it is; its types only name string | Buffer.
      secretOrKey: accessTokenKey(env.JWT_SECRET) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
    this.cache = new AccessCache(version, { ttlMs: env.AUTH_CACHE_TTL_SECONDS * 1000, maxEntries: MAX_CACHED_USERS });
  }

  async validate(payload: unknown): Promise<AuthUser | false> {
    if (!isAccessTokenClaims(payload)) return false;
    return (await this.cache.get(payload.sub, () => this.activeUser(payload.sub))) ?? false;
  }

  private async activeUser(id: string): Promise<AuthUser | undefined> {
    const user = await this.users.findById(id);
    if (!user || !user.isActive) return undefined;
    return { id: user.id, email: user.email, isSuperadmin: user.isSuperadmin };
  }
}
