import 'reflect-metadata';
import { config as loadDotEnv } from 'dotenv';
import { ConfigValidationError, loadEnv, prepareDatabase } from '@app/core';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { createApiApp } from './create-api-app';
import { listeningSummary } from './startup/listening-summary';

async function main(): Promise<void> {
  loadDotEnv({ quiet: true });
  const env = loadEnv();
  await prepareDatabase(env);
  const app = await createApiApp(env);
  await app.listen({ port: env.PORT, host: env.HOST });
  new Logger('Strata').log(listeningSummary(app.getHttpServer().address() as AddressInfo));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) console.error(error.message);
  else console.error('Strata API failed to start:', error);
  process.exit(1);
});
