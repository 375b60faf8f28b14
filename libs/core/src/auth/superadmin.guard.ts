import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden } from '../errors/app.exception';
import { CoreErrorCode } from '../errors/error-code';
import { AuthenticatedRequest, SUPERADMIN_ONLY_KEY } from './auth.decorators';

@Injectable()
export class SuperadminGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<boolean>(SUPERADMIN_ONLY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (user?.isSuperadmin) return true;
    throw forbidden(CoreErrorCode.FORBIDDEN, 'Only a superadmin may do this');
  }
}
