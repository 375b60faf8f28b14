import { Module, OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Env } from '../config/env.schema';
import { ENV } from '../config/env.token';
import { flushLogDestinations, logDestination } from './log-destination';
import { pinoHttpOptions } from './pino-options';

/** JSON logs through pino; every line of a request carries its request id; secrets are redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        // No middleware: `logRequests` writes the request lines from Fastify hooks (cheaper than
        // pino-http through @fastify/middie); nestjs-pino still builds its root logger from pinoHttp.
        forRoutes: [],
        pinoHttp: pinoHttpOptions(env, logDestination(env)),
      }),
    }),
  ],
})
export class LoggingModule implements OnApplicationShutdown {
  /** The last lines before a stop on SIGTERM are not lost in the output's buffer. */
  onApplicationShutdown(): Promise<void> {
    return flushLogDestinations();
  }
}
