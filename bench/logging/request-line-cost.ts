import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import {
  bufferedOutput,
  censorTopLevel,
  completedRequestFields,
  flushLogDestinations,
  loadEnv,
  pinoHttpOptions,
  writeInfoFields,
} from '@app/core';

/**
 * CPU per request line, in process: the completed-request line of a fast read through the API's
 * logger and its buffered output to a file, a few lines per turn of the event loop.
 * `node -r @swc-node/register bench/logging/request-line-cost.ts`; LINE=pino builds the line
 * through pino as before, LINE=none measures the loop alone; SINK=null drops the lines instead
 * of writing them.
 */
const LINES = Number(process.env.LINES ?? 200_000);
const PER_TURN = Number(process.env.PER_TURN ?? 4);

function requestPair(i: number) {
  const raw = new IncomingMessage(new Socket());
  raw.method = 'GET';
  raw.url = `/api/tenants/bench/tables/orders/records/${randomUUID()}`;
  (raw as IncomingMessage & { id?: string }).id = randomUUID();
  const res = new ServerResponse(raw);
  res.statusCode = i % 10 === 0 ? 404 : 200;
  Object.defineProperty(res, 'headersSent', { value: true });
  return { raw, res };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-line-'));
  const env = loadEnv({
    LOG_LEVEL: 'info',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_PASSWORD: 'bench-admin-password',
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
  const stream = bufferedOutput(join(dir, 'api.log'));
  await new Promise((resolve) => stream.once('ready', resolve));
  const sink = process.env.SINK === 'null' ? ({ write: () => true } as unknown as typeof stream) : stream;
  const root: Logger = pinoHttp(pinoHttpOptions(env, sink)).logger;
  const pairs = Array.from({ length: 1000 }, (_, i) => requestPair(i));
  const throughPino = (i: number) => {
    const { raw, res } = pairs[i % pairs.length];
    root.info(
      { requestId: (raw as unknown as { id: string }).id, req: raw, res, responseTime: 1 },
      'request completed',
    );
  };
  const precompiled = (i: number) => {
    const { raw, res } = pairs[i % pairs.length];
    const fields = completedRequestFields((raw as unknown as { id: string }).id, raw, res, 1);
    if (fields === undefined || !writeInfoFields(root, censorTopLevel, fields, 'request completed')) throughPino(i);
  };
  const line = process.env.LINE === 'pino' ? throughPino : process.env.LINE === 'none' ? () => undefined : precompiled;
  // A few lines per turn of the event loop, as a busy API writes them between its I/O.
  const run = async (count: number) => {
    for (let i = 0; i < count; i++) {
      line(i);
      if (i % PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await run(20_000);
  const cpu = process.cpuUsage();
  await run(LINES);
  await flushLogDestinations();
  const used = process.cpuUsage(cpu);
  console.log(
    `${(((used.user + used.system) * 1000) / LINES).toFixed(0)} ns CPU per line (user ${used.user / 1000} ms, system ${used.system / 1000} ms)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

void main();
