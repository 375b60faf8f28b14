import 'reflect-metadata';
import { config as loadDotEnv } from 'dotenv';
import { ConfigValidationError, loadEnv, prepareDatabase } from '@app/core';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerAppModule } from './worker-app.module';

async function main(): Promise<void> {
  loadDotEnv({ quiet: true });
  const env = loadEnv();
  await prepareDatabase(env);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(env), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) console.error(error.message);
  else console.error('Strata worker failed to start:', error);
  process.exit(1);
});
