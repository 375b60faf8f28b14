import { badRequest, CoreErrorCode, RequestActor, unauthorized } from '@app/core';
import { Injectable } from '@nestjs/common';
import { AuthRateLimiter } from './auth/rate-limit/auth-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';

/** What a write would change that only the account's owner, proving they know the password, may change. */
export interface CredentialChange {
  email?: string;
  password?: string;
}

/**
 * Changing one's own email or password needs the current password: a stolen access token alone
 * must not be enough to take the account over. A superadmin changing someone else needs none.
 */
@Injectable()
export class CurrentPasswordCheck {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly limiter: AuthRateLimiter,
  ) {}

  async confirm(
    actor: RequestActor,
    user: UserEntity,
    change: CredentialChange,
    currentPassword: string | undefined,
  ): Promise<void> {
    if (actor.userId !== user.id) return;
    const emailChanges = change.email !== undefined && change.email !== user.email;
    if (!emailChanges && change.password === undefined) return;
    if (currentPassword === undefined) {
      throw badRequest(CoreErrorCode.VALIDATION_FAILED, 'Validation failed', [
        { field: 'currentPassword', message: 'is required to change your own email or password' },
      ]);
    }
    // Guessing it with a stolen access token is limited like guessing it at login.
    await this.limiter.admitCredentialCheck(actor.ip, user.email);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      await this.limiter.recordFailure(actor.ip, user.email);
      throw unauthorized(CoreErrorCode.INVALID_CREDENTIALS, 'The current password is wrong');
    }
  }
}
