/** Jobs of the users lib: `notify-users` runs on the `mail` queue, the others on `maintenance`. */
export enum UsersJobName {
  NotifyUsers = 'notify-users',
  DailyReport = 'daily-report',
  InactiveUserCleanup = 'inactive-user-cleanup',
  RefreshTokenPurge = 'refresh-token-purge',
}

export interface NotifyUsersFilter {
  search?: string;
  isActive?: boolean;
}

export interface NotifyUsersJobData {
  subject: string;
  text: string;
  filter: NotifyUsersFilter;
  jobId?: string;
}

/** Where a `notify-users` job got to, kept in its row (with each batch) so that a retry carries on from there. */
export interface NotifyUsersProgress {
  lastUserId: string | null;
  queued: number;
}
