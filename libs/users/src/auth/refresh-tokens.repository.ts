import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** Reads and writes `public.refresh_tokens`; always inside the caller's transaction. */
@Injectable()
export class RefreshTokensRepository {
  private tokens(manager: EntityManager) {
    return manager.getRepository(RefreshTokenEntity);
  }

  async insert(manager: EntityManager, token: NewRefreshToken): Promise<void> {
    await this.tokens(manager).insert(token);
  }

  /** Finds a token by its hash and locks it, so two uses of one token are serialised. */
  findByHashForUpdate(manager: EntityManager, tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens(manager).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(manager: EntityManager, id: string): Promise<void> {
    await this.tokens(manager).update({ id }, { usedAt: () => 'now()' });
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<number> {
    const result = await this.tokens(manager).update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return result.affected ?? 0;
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<number> {
    const result = await this.tokens(manager).update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return result.affected ?? 0;
  }
}
