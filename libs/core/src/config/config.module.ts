import { DynamicModule, Global, Module } from '@nestjs/common';
import { Env } from './env.schema';
import { ENV } from './env.token';

/** Provides the environment the app was started with (checked by `loadEnv` before boot). */
@Global()
@Module({})
export class CoreConfigModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreConfigModule,
      providers: [{ provide: ENV, useValue: env }],
      exports: [ENV],
    };
  }
}
