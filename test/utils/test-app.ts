import { Env, loadEnv, prepareDatabase, QueueName } from '@app/core';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { HttpClient } from './http-client';
import { uniqueSuffix } from './test-database';

export const TEST_ADMIN_EMAIL = 'superadmin@strata.test';
export const TEST_ADMIN_PASSWORD = 'superadmin-password-1';

export interface TestApp {
  app: NestFastifyApplication;
  env: Env;
  http: HttpClient;
  db: DataSource;
  /** A fresh superadmin access token. */
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real API (with the embedded worker) on a free port, as `npm start` does (database
 * prepared, migrations applied), against the run's test database and the local Redis, under a
 * queue prefix of its own.
 */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const fileStore = mkdtempSync(join(tmpdir(), 'strata-files-'));
  const env = loadEnv({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: `strata_test_${uniqueSuffix()}`,
    ADMIN_EMAIL: TEST_ADMIN_EMAIL,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    FILE_STORE_DIR: fileStore,
    LOGIN_RATE_LIMIT: '1000',
    ...overrides,
  });
  await prepareDatabase(env);
  const app = await createApiApp(env);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const http = new HttpClient(`http://127.0.0.1:${address.port}`);
  return {
    app,
    env,
    http,
    db: app.get(DataSource),
    async adminToken() {
      const res = await http.post('/api/auth/login', {
        email: TEST_ADMIN_EMAIL,
        password: TEST_ADMIN_PASSWORD,
      });
      if (res.status !== 200) throw new Error(`superadmin login failed: ${res.status} ${res.text}`);
      return res.body.accessToken as string;
    },
    async close() {
      // Leave nothing of this app's queues (jobs, repeatables) behind in the shared Redis.
      for (const name of Object.values(QueueName)) {
        let queue: Queue | undefined;
        try {
          queue = app.get<Queue>(getQueueToken(name), { strict: false });
        } catch {
          continue; // this app has no such queue
        }
        await queue.obliterate({ force: true }).catch(() => undefined);
      }
      await app.close();
      rmSync(fileStore, { recursive: true, force: true });
    },
  };
}
