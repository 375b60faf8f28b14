import { AccessChanges, containsPattern, sql, SqlDatabase } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotifyUsersFilter } from './users-job-names';

export interface Recipient {
  id: string;
  email: string;
  username: string;
  firstName: string;
}

export interface InactiveUser {
  id: string;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface UsersReportCounts {
  newUsers: number;
  usersLoggedIn: number;
  activeUsers: number;
  totalUsers: number;
}

const UUID_MIN = '00000000-0000-0000-0000-000000000000';

/** The set-based SQL of the users jobs (`public.users`, `public.refresh_tokens`). */
@Injectable()
export class UsersJobsRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly accessChanges: AccessChanges,
  ) {}

  /** Active users matching `filter`, in id order after `afterId` (keyset paging). */
  activeRecipients(filter: NotifyUsersFilter, afterId: string | null, limit: number): Promise<Recipient[]> {
    const search = filter.search?.trim()
      ? sql` AND (username || ' ' || email || ' ' || first_name || ' ' || last_name) ILIKE ${containsPattern(filter.search.trim())}`
      : sql``;
    const state = filter.isActive === undefined ? sql`` : sql` AND is_active = ${filter.isActive}`;
    return this.db.query<Recipient>(sql`
      SELECT id, email, username, first_name AS "firstName"
        FROM users
       WHERE is_active AND id > ${afterId ?? UUID_MIN}::uuid${search}${state}
       ORDER BY id
       LIMIT ${limit}`);
  }

  activeSuperadminEmails(): Promise<string[]> {
    return this.db
      .query<{ email: string }>(sql`SELECT email FROM users WHERE is_active AND is_superadmin ORDER BY email`)
      .then((rows) => rows.map((row) => row.email));
  }

  /**
   * Locks up to `limit` active, non-superadmin users with no login (or, never logged in, no
   * account creation) for `days` days, in id order after `afterId`; rows another transaction
   * holds are skipped.
   */
  lockInactiveUsers(
    manager: EntityManager,
    days: number,
    afterId: string | null,
    limit: number,
  ): Promise<InactiveUser[]> {
    return this.db.within(manager).query<InactiveUser>(
      sql`
      SELECT id, last_login_at AS "lastLoginAt", created_at AS "createdAt"
        FROM users
       WHERE is_active AND NOT is_superadmin
         AND coalesce(last_login_at, created_at) < now() - make_interval(days => ${days})
         AND id > ${afterId ?? UUID_MIN}::uuid
       ORDER BY id
       LIMIT ${limit}
         FOR UPDATE SKIP LOCKED`,
    );
  }

  async deactivate(manager: EntityManager, ids: string[]): Promise<void> {
    await this.db
      .within(manager)
      .execute(sql`UPDATE users SET is_active = false, updated_at = now() WHERE id = ANY(${ids}::uuid[])`);
    await this.accessChanges.changed(manager);
  }

  async revokeRefreshTokens(manager: EntityManager, userIds: string[]): Promise<void> {
    await this.db
      .within(manager)
      .execute(
        sql`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ANY(${userIds}::uuid[]) AND revoked_at IS NULL`,
      );
  }

  /** Deletes up to `limit` refresh tokens that expired, or were revoked more than `revokedDays` days ago. */
  async purgeRefreshTokens(revokedDays: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.execute(sql`
      DELETE FROM refresh_tokens
       WHERE id IN (
         SELECT id FROM refresh_tokens
          WHERE expires_at < now() OR revoked_at < now() - make_interval(days => ${revokedDays})
          LIMIT ${limit})
      RETURNING id`);
    return rowCount;
  }

  async reportCounts(since: Date, until: Date): Promise<UsersReportCounts> {
    const [row] = await this.db.query<UsersReportCounts>(sql`
      SELECT
        (SELECT count(*) FROM users WHERE created_at >= ${since} AND created_at < ${until})::int AS "newUsers",
        (SELECT count(*) FROM users WHERE last_login_at >= ${since} AND last_login_at < ${until})::int AS "usersLoggedIn",
        (SELECT count(*) FROM users WHERE is_active)::int AS "activeUsers",
        (SELECT count(*) FROM users)::int AS "totalUsers"`);
    return row;
  }
}
