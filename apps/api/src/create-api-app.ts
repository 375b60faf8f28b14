import { AllExceptionsFilter, createValidationPipe, Env, requestIdFor } from '@app/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { acceptOnlyJsonBodies } from './http/json-bodies';
import { answerMalformedUrl } from './http/malformed-url';
import { answerWrongMethodWith405 } from './http/method-not-allowed';
import { setupSwagger } from './swagger';

const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** Builds the HTTP app (and, when WORKER_EMBEDDED, the worker) without listening yet. */
export async function createApiApp(env: Env): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    trustProxy: env.TRUST_PROXY,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: answerMalformedUrl,
  });
  acceptOnlyJsonBodies(adapter.getInstance());
  answerWrongMethodWith405(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(env), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false, // acceptOnlyJsonBodies registered the only parser
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      void reply.header('X-Request-Id', String(request.id));
    });
  app.setGlobalPrefix('api', {
    exclude: ['health', 'health/ready', 'metrics'],
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setupSwagger(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
