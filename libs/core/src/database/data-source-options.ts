import { DataSourceOptions } from 'typeorm';
import { Env } from '../config/env.schema';
import { PLATFORM_MIGRATIONS } from './migrations';

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
