import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/env.schema';
import { ENV } from '../config/env.token';
import { appDataSourceOptions } from './data-source-options';
import { resolveDatabaseRoles } from './database-roles';

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
})
export class DatabaseModule {}
