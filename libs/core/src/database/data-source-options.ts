import { DataSourceOptions } from 'typeorm';
import { Env } from '../config/env.schema';
import { PLATFORM_MIGRATIONS } from './migrations';

/** DATABASE_URL's role, which owns the platform tables and runs their migrations. */
export function platformDataSourceOptions(env: Env): DataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    migrations: PLATFORM_MIGRATIONS,
    migrationsTableName: 'platform_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: env.DATABASE_POOL_SIZE, application_name: 'strata' },
  };
}

/** The pool every query of the running app goes through, as the app's role (see `resolveDatabaseRoles`). */
export function appDataSourceOptions(env: Env, appUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: appUrl,
    synchronize: false,
    logging: false,
    extra: { max: env.DATABASE_POOL_SIZE, application_name: 'strata' },
  };
}
