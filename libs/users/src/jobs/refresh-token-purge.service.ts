import { Injectable } from '@nestjs/common';
import { UsersJobsRepository } from './users-jobs.repository';

/** Revoked tokens are kept this long, so the reuse of a spent one is still recognised for a while. */
export const REVOKED_TOKEN_RETENTION_DAYS = 7;
const BATCH_SIZE = 5000;

/** Deletes expired refresh tokens and those revoked long ago, in batches so no lock is held for long. */
@Injectable()
export class RefreshTokenPurgeService {
  constructor(private readonly repository: UsersJobsRepository) {}

  async run(): Promise<{ purged: number }> {
    let purged = 0;
    for (;;) {
      const count = await this.repository.purgeRefreshTokens(REVOKED_TOKEN_RETENTION_DAYS, BATCH_SIZE);
      purged += count;
      if (count < BATCH_SIZE) break;
    }
    return { purged };
  }
}
