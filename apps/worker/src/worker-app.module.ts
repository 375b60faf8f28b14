import { CoreModule, Env } from '@app/core';
import { WorkerModule } from '@app/worker-host';
import { DynamicModule, Module } from '@nestjs/common';

@Module({})
export class WorkerAppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [CoreModule.forRoot(env), WorkerModule],
    };
  }
}
