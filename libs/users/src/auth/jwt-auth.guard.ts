import { accessPolicyOf, AuthUser, CoreErrorCode, unauthorized } from '@app/core';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { JWT_STRATEGY } from './jwt.strategy';

/** Why passport-jwt refused a token, as a client error. */
function refusal(info: unknown) {
  const name = info instanceof Error ? info.name : undefined;
  if (name === 'TokenExpiredError') return unauthorized(CoreErrorCode.INVALID_TOKEN, 'The access token has expired');
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'SyntaxError') {
    return unauthorized(CoreErrorCode.INVALID_TOKEN, 'The access token is invalid');
  }
  if (info instanceof Error) return unauthorized(CoreErrorCode.UNAUTHORIZED, 'A bearer access token is required');
  return unauthorized(CoreErrorCode.INVALID_TOKEN, 'The access token does not belong to an active user');
}

/**
 * Global guard: every route needs a valid bearer access token unless its policy is `@Public()`.
 * On success `request.user` is the `AuthUser`.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (accessPolicyOf(this.reflector, context)?.kind === 'public') return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser = AuthUser>(err: unknown, user: unknown, info: unknown): TUser {
    if (err) throw err;
    if (!user) throw refusal(info);
    return user as TUser;
  }
}
