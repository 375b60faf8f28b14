import { AccessCacheVersion, AuthenticatedRequest, CoreErrorCode, unauthorized } from '@app/core';
import { Injectable } from '@nestjs/common';
import { AccessTokenVerifier } from './access-token-verifier';
import { AuthenticatedUsers } from './authenticated-users';

/** As passport-jwt read it: the first two words, the first of them `bearer` in any case. */
const AUTHORIZATION = /(\S+)\s+(\S+)/;

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : AUTHORIZATION.exec(header);
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : undefined;
}

/** Why a token was refused, as a client error. */
function refusal(error: unknown) {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'TokenExpiredError') return unauthorized(CoreErrorCode.INVALID_TOKEN, 'The access token has expired');
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'SyntaxError') {
    return unauthorized(CoreErrorCode.INVALID_TOKEN, 'The access token is invalid');
  }
  return undefined;
}

const noActiveUser = () =>
  unauthorized(CoreErrorCode.INVALID_TOKEN, 'The access token does not belong to an active user');

/**
 * Who is calling: the bearer access token, checked without a database hit, then the active user
 * (cached, checked against the shared cache versions read once for the request). Used by
 * `JwtAuthGuard` and by the fast read routes (`installFastReads`), so both refuse alike.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly users: AuthenticatedUsers,
    private readonly versions: AccessCacheVersion,
  ) {}

  /** Sets `request.user` and `request.cacheVersions`, or throws the client error. */
  async authenticate(request: AuthenticatedRequest): Promise<void> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized(CoreErrorCode.UNAUTHORIZED, 'A bearer access token is required');
    let claims;
    try {
      claims = this.tokens.verify(token);
    } catch (error) {
      throw refusal(error) ?? error;
    }
    if (!claims) throw noActiveUser();
    const versions = await this.versions.read();
    const user = this.users.cached(claims.sub, versions.access) ?? (await this.users.find(claims.sub, versions.access));
    if (!user) throw noActiveUser();
    request.user = user;
    request.cacheVersions = versions;
  }
}
