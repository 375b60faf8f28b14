export * from './users.module';
export * from './auth/jwt-auth.guard';
