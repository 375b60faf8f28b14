export * from './notifications.module';
export * from './mail.service';
export * from './mail-message';
