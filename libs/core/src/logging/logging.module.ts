import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Env } from '../config/env.schema';
import { ENV } from '../config/env.token';
import { logDestination } from './log-destination';

/** JSON logs through pino; every line of a request carries its request id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        // A named wildcard (path-to-regexp v8): the default '*' makes Nest warn about a legacy route path.
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: env.LOG_LEVEL,
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
          customAttributeKeys: { reqId: 'requestId' },
          // Binds `requestId` (not the whole request) to every line logged while serving a request.
          quietReqLogger: true,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          autoLogging: {
            ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics',
          },
          stream: logDestination(env),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
