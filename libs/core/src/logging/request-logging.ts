import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PinoLogger } from 'nestjs-pino';
import type { Store } from 'nestjs-pino/storage';
import { completedRequestFields, writeInfoFields } from './completed-request-line';
import { censorTopLevel, isUnloggedPath } from './pino-options';
import { enterRequestLogContext } from './request-log-context';

const started = Symbol('requestLogStarted');

type LoggedRequest = FastifyRequest & { [started]?: RequestLogStore };

/**
 * What nestjs-pino's storage holds while a request is served: the request's logger, bound to its
 * `requestId`, made only when something logs (most requests log nothing but their last line).
 */
class RequestLogStore implements Pick<Store, 'logger'> {
  private child?: Logger;
  private logged = false;

  constructor(
    private readonly root: Logger,
    private readonly requestId: string,
    private readonly startedAt: number,
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
  ) {}

  get logger(): Logger {
    this.child ??= this.root.child({ requestId: this.requestId });
    return this.child;
  }

  /** The line pino-http wrote when a response finished: same keys, level and messages. */
  logCompleted(): void {
    const { request, reply } = this;
    if (this.logged || isUnloggedPath(request.url)) return;
    this.logged = true;
    const statusCode = reply.raw.statusCode;
    const responseTime = Date.now() - this.startedAt;
    const logger = this.child ?? this.root;
    if (statusCode < 500) {
      const requestId = this.child ? undefined : this.requestId;
      const fields = completedRequestFields(requestId, request.raw, reply.raw, responseTime);
      if (fields !== undefined && writeInfoFields(logger, censorTopLevel, fields, 'request completed')) return;
    }
    const line: Record<string, unknown> = this.child ? {} : { requestId: this.requestId };
    line.req = request.raw;
    line.res = reply.raw;
    if (statusCode >= 500) line.err = new Error(`failed with status code ${statusCode}`);
    line.responseTime = responseTime;
    logger.info(line, statusCode >= 500 ? 'request errored' : 'request completed');
  }
}

export interface RequestLoggingOptions {
  /** The logger nestjs-pino made from `pinoHttpOptions` (`PinoLogger.root`, set at `app.init()`). */
  root?: () => Logger;
  /**
   * Requests served without nestjs-pino's storage: their handlers log nothing, or name the
   * `requestId` in what they log (`@FastRead` routes, `servedFast`).
   */
  outsideLogContext?: (request: FastifyRequest) => boolean;
}

/**
 * Request logging from Fastify hooks instead of pino-http run as Nest middleware through
 * @fastify/middie (about 7% of a fast read's CPU). One `onRequest` hook sets `X-Request-Id` and
 * (unless `outsideLogContext`) enters nestjs-pino's storage, so `Logger` calls inside handlers carry
 * the `requestId`; `onResponse` (or `onRequestAbort`) writes the request's line.
 */
export function logRequests(fastify: FastifyInstance, options: RequestLoggingOptions = {}): void {
  const root = options.root ?? (() => PinoLogger.root);
  const outsideLogContext = options.outsideLogContext ?? (() => false);
  fastify.addHook('onRequest', (request, reply, done) => {
    const requestId = String(request.id);
    void reply.header('X-Request-Id', requestId);
    const store = new RequestLogStore(root(), requestId, Date.now(), request, reply);
    (request as LoggedRequest)[started] = store;
    if (outsideLogContext(request)) done();
    else enterRequestLogContext(store, reply, done);
  });
  fastify.addHook('onResponse', (request, _reply, done) => {
    (request as LoggedRequest)[started]?.logCompleted();
    done();
  });
  // pino-http also wrote the line when the client went away before the response (`close`).
  fastify.addHook('onRequestAbort', (request, done) => {
    (request as LoggedRequest)[started]?.logCompleted();
    done();
  });
}
