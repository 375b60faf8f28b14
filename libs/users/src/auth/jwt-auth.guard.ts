import { accessPolicyOf, AuthenticatedRequest } from '@app/core';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RequestAuthenticator } from './request-authenticator';

/**
 * Global guard: every route needs a valid bearer access token unless its policy is `@Public()`.
 * On success `request.user` is the `AuthUser`, and `request.cacheVersions` the shared cache
 * versions read for this request (one Redis read, which every cache of the request checks against).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (accessPolicyOf(this.reflector, context)?.kind === 'public') return true;
    await this.authenticator.authenticate(context.switchToHttp().getRequest<AuthenticatedRequest>());
    return true;
  }
}
