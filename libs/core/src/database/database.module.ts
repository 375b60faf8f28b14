import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/env.schema';
import { ENV } from '../config/env.token';
import { appDataSourceOptions } from './data-source-options';
import { resolveDatabaseRoles } from './database-roles';
import { SqlDatabase } from './sql-database';

/** The app's connection pool (as the app role) and `SqlDatabase`, available everywhere. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ENV],
      useFactory: async (env: Env) => ({
        ...appDataSourceOptions(env, (await resolveDatabaseRoles(env)).appUrl),
        autoLoadEntities: true,
      }),
    }),
  ],
  providers: [SqlDatabase],
  exports: [SqlDatabase],
})
export class DatabaseModule {}
