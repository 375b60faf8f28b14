import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Env } from '../config/env.schema';
import { ENV } from '../config/env.token';
import { logDestination } from './log-destination';
import { pinoHttpOptions } from './pino-options';

/** JSON logs through pino; every line of a request carries its request id; secrets are redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        // A named wildcard (path-to-regexp v8): the default '*' makes Nest warn about a legacy route path.
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: pinoHttpOptions(env, logDestination(env)),
      }),
    }),
  ],
})
export class LoggingModule {}
