import {
  AllExceptionsFilter,
  applyRouteBodyLimits,
  createValidationPipe,
  Env,
  installFastReads,
  logRequests,
  rejectUnsafeStrings,
  requestIdFor,
  servedFast,
  TENANT_ACCESS_RESOLVER,
  TenantAccessResolver,
} from '@app/core';
import { RequestAuthenticator } from '@app/users';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { acceptOnlyJsonBodies } from './http/json-bodies';
import { acceptMultipartUploads } from './http/multipart-bodies';
import { serveConsole } from './http/console-static';
import { answerMalformedUrl } from './http/malformed-url';
import { answerWrongMethodWith405 } from './http/method-not-allowed';
import { RoutePrefixLogger } from './startup/route-prefix-logger';
import { setupSwagger } from './swagger';

const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const GLOBAL_PREFIX = 'api';
/** Served at the root, for probes and scrapers: `/health`, not `/api/health`. */
const UNPREFIXED_ROUTES = ['health', 'health/ready', 'metrics'];

/** Builds the HTTP app (and, when WORKER_EMBEDDED, the worker) without listening yet. */
export async function createApiApp(env: Env): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    trustProxy: env.TRUST_PROXY,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: answerMalformedUrl,
    // No Nest middleware is mounted (request lines come from Fastify hooks): no @fastify/middie
    // hook on every request.
    skipMiddie: true,
  });
  applyRouteBodyLimits(adapter.getInstance());
  acceptOnlyJsonBodies(adapter.getInstance());
  await acceptMultipartUploads(adapter.getInstance(), env);
  answerWrongMethodWith405(adapter.getInstance());
  await serveConsole(adapter.getInstance(), env.CONSOLE_DIR);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(env), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false, // acceptOnlyJsonBodies registered the only parser
  });
  app.useLogger(new RoutePrefixLogger(app.get(Logger), GLOBAL_PREFIX, UNPREFIXED_ROUTES));
  app.flushLogs();
  const authenticator = app.get(RequestAuthenticator, { strict: false });
  logRequests(app.getHttpAdapter().getInstance(), { outsideLogContext: servedFast });
  rejectUnsafeStrings(app.getHttpAdapter().getInstance());
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  installFastReads(app.getHttpAdapter().getInstance(), {
    controller: (type) => app.get(type, { strict: false }),
    authenticate: (request) => authenticator.authenticate(request),
    tenantAccess: () => app.get<TenantAccessResolver>(TENANT_ACCESS_RESOLVER, { strict: false }),
  });
  app.enableShutdownHooks();
  setupSwagger(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
