import Fastify, { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { storage, Store } from 'nestjs-pino/storage';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { loadEnv } from '../config/load-env';
import { REDACTED } from './log-redaction';
import { pinoHttpOptions } from './pino-options';
import { requestIdFor } from './request-id';
import { openRequestLogContexts } from './request-log-context';
import { logRequests } from './request-logging';

type Line = Record<string, any>;

function sinkInto(lines: Line[]) {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      done();
    },
  });
}

/** The app's routes: one that logs (after an await, with a secret), one that logs nothing, a 500. */
function withRoutes(fastify: FastifyInstance, handlerLog: () => PinoLogger): FastifyInstance {
  fastify.post('/api/logs', async (request) => {
    await new Promise((resolve) => setImmediate(resolve));
    handlerLog().info({ password: 'p0', body: request.body }, 'inside');
    return { ok: true };
  });
  fastify.get('/api/quiet', async () => ({ ok: true }));
  fastify.get('/api/fails', async (_request, reply) => reply.code(500).send({ statusCode: 500 }));
  fastify.get('/health', async () => ({ status: 'ok' }));
  fastify.get('/metrics', async () => '');
  return fastify;
}

/** What the request lines looked like from pino-http run as middleware, for comparison. */
function withPinoHttp(lines: Line[]): FastifyInstance {
  const middleware = pinoHttp(pinoHttpOptions(loadEnv({ LOG_LEVEL: 'info' }), sinkInto(lines)));
  const fastify = Fastify({ genReqId: requestIdFor });
  // pino-http, then nestjs-pino's bindLoggerMiddleware, as Nest ran them through @fastify/middie.
  fastify.addHook('onRequest', (request, reply, done) =>
    middleware(request.raw, reply.raw, () => {
      const log = (request.raw as unknown as { allLogs: Logger[] }).allLogs.at(-1)!;
      storage.run(new Store(log), () => done());
    }),
  );
  return fastify;
}

function withHooks(lines: Line[]): FastifyInstance {
  const root = pinoHttp(pinoHttpOptions(loadEnv({ LOG_LEVEL: 'info' }), sinkInto(lines))).logger;
  const fastify = Fastify({ genReqId: requestIdFor });
  logRequests(fastify, { root: () => root });
  return fastify;
}

/** A line without what differs between two runs: times, pid and where the error was made. */
const comparable = ({ time, responseTime, pid, err, ...rest }: Line) => ({
  ...rest,
  time: typeof time,
  responseTime: typeof responseTime,
  pid: typeof pid,
  err: err && { ...err, stack: typeof err.stack },
});

describe('request logging from Fastify hooks', () => {
  const pinoLogger = () => new PinoLogger({ pinoHttp: { level: 'silent' } });
  afterEach(() => __resetOutOfContextForTests());

  async function send(fastify: FastifyInstance) {
    const requests = [
      { method: 'POST' as const, url: '/api/logs', headers: { 'x-request-id': 'r-logs' }, payload: { token: 't0' } },
      {
        method: 'GET' as const,
        url: '/api/quiet?x=1',
        headers: { 'x-request-id': 'r-quiet', authorization: 'Bearer a' },
      },
      { method: 'GET' as const, url: '/api/fails', headers: { 'x-request-id': 'r-fails' } },
      { method: 'GET' as const, url: '/health' },
      { method: 'GET' as const, url: '/metrics?x=1' },
      { method: 'GET' as const, url: '/healthz', headers: { 'x-request-id': 'r-healthz' } },
    ];
    for (const request of requests) await fastify.inject(request);
    await fastify.close();
  }

  it('writes the lines pino-http wrote, in the same order, with the same keys, levels and messages', async () => {
    const before: Line[] = [];
    const after: Line[] = [];
    await send(withRoutes(withPinoHttp(before), pinoLogger));
    await send(withRoutes(withHooks(after), pinoLogger));
    expect(after.length).toBe(before.length);
    expect(after.map(comparable)).toEqual(before.map(comparable));
    expect(after.map((line) => Object.keys(line))).toEqual(before.map((line) => Object.keys(line)));
  });

  it('binds the request id to lines logged inside a handler, after an await, and redacts them', async () => {
    const lines: Line[] = [];
    await send(withRoutes(withHooks(lines), pinoLogger));
    const inside = lines.find((line) => line.msg === 'inside')!;
    expect(inside).toMatchObject({ requestId: 'r-logs', password: REDACTED, body: { token: REDACTED } });
    expect(lines.find((line) => line.requestId === 'r-quiet')).toMatchObject({
      level: 30,
      req: { id: 'r-quiet', method: 'GET', url: '/api/quiet?x=1' },
      res: { statusCode: 200 },
      msg: 'request completed',
    });
  });

  it('writes a completed request line without building it through pino, an errored one through pino', async () => {
    const lines: Line[] = [];
    const root = pinoHttp(pinoHttpOptions(loadEnv({ LOG_LEVEL: 'info' }), sinkInto(lines))).logger;
    const info = jest.spyOn(root, 'info');
    const fastify = Fastify({ genReqId: requestIdFor });
    logRequests(fastify, { root: () => root });
    await send(withRoutes(fastify, pinoLogger));
    expect(lines.filter((line) => line.req).map((line) => line.msg)).toEqual([
      'request completed',
      'request completed',
      'request errored',
      'request completed',
    ]);
    // The handler's own line ('inside') goes through pino too, from the request's child logger.
    expect(info.mock.calls.map(([, message]) => message)).toEqual(['inside', 'request errored']);
  });

  it('logs a 5xx as errored with its request id, and leaves out probes and scrapes', async () => {
    const lines: Line[] = [];
    await send(withRoutes(withHooks(lines), pinoLogger));
    expect(lines.find((line) => line.requestId === 'r-fails')).toMatchObject({
      req: { id: 'r-fails' },
      res: { statusCode: 500 },
      err: { message: 'failed with status code 500' },
      msg: 'request errored',
    });
    const urls = lines.filter((line) => line.req).map((line) => line.req.url);
    expect(urls).toEqual(['/api/logs', '/api/quiet?x=1', '/api/fails', '/healthz']);
  });
});

describe('the request log context', () => {
  const root = pinoHttp(pinoHttpOptions(loadEnv({ LOG_LEVEL: 'info' }), sinkInto([]))).logger;
  const closed = () => new Promise((resolve) => setImmediate(resolve));

  function app() {
    const fastify = Fastify({ genReqId: requestIdFor });
    logRequests(fastify, { root: () => root, outsideLogContext: (request) => request.url === '/api/outside' });
    const seen: Record<string, unknown> = {};
    const gates: Record<string, () => void> = {};
    for (const name of ['a', 'b', 'outside']) {
      fastify.get(`/api/${name}`, async (request) => {
        await new Promise<void>((resolve) => (gates[name] = resolve));
        seen[name] = storage.getStore();
        return { id: request.id };
      });
    }
    return { fastify, seen, open: (name: string) => gates[name]() };
  }

  const until = async (ready: () => boolean) => {
    for (let turns = 0; !ready() && turns < 100; turns++) await closed();
  };

  it('serves a request outside the storage when asked, every other one inside it', async () => {
    const { fastify, seen, open } = app();
    const inside = fastify.inject({ url: '/api/a', headers: { 'x-request-id': 'r-in' } });
    const outside = fastify.inject({ url: '/api/outside', headers: { 'x-request-id': 'r-out' } });
    await until(() => openRequestLogContexts() > 0);
    await closed();
    expect(openRequestLogContexts()).toBe(1);
    open('a');
    open('outside');
    expect((await inside).headers['x-request-id']).toBe('r-in');
    expect((await outside).headers['x-request-id']).toBe('r-out');
    expect(seen.a).toBeDefined();
    expect(seen.outside).toBeUndefined();
    await fastify.close();
  });

  it('disables the storage once no request that entered it is open, and enters it again after', async () => {
    const disable = jest.spyOn(storage, 'disable');
    const { fastify, seen, open } = app();
    const first = fastify.inject({ url: '/api/a' });
    const second = fastify.inject({ url: '/api/b' });
    await until(() => openRequestLogContexts() === 2);
    open('a');
    await first;
    await closed();
    expect(openRequestLogContexts()).toBe(1);
    expect(disable).not.toHaveBeenCalled();
    open('b');
    await second;
    await until(() => openRequestLogContexts() === 0);
    expect(disable).toHaveBeenCalledTimes(1);
    expect(seen.b).toBeDefined();

    const again = fastify.inject({ url: '/api/a' });
    await until(() => openRequestLogContexts() === 1);
    open('a');
    expect((await again).statusCode).toBe(200);
    expect((seen.a as { logger: Logger }).logger.bindings()).toMatchObject({ requestId: expect.any(String) });
    disable.mockRestore();
    await fastify.close();
  });
});
