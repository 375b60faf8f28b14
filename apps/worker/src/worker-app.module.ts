import { CoreModule, Env } from '@app/core';
import { DynamicModule, Module } from '@nestjs/common';
import { WorkerModule } from './worker.module';

@Module({})
export class WorkerAppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [CoreModule.forRoot(env), WorkerModule],
    };
  }
}
