export * from './users-notify.module';
export * from './users-job-names';
export * from './daily-report.service';
export * from './inactive-users-cleanup.service';
export * from './refresh-token-purge.service';
export * from './notify-users.service';
export * from './users-schedule';
