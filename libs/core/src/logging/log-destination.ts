import pino from 'pino';
import { Env } from '../config/env.schema';

/** Standard output, plus a daily-rotated file when LOG_FILE is set. */
export function logDestination(env: Env): pino.DestinationStream {
  if (!env.LOG_FILE) return pino.destination({ dest: 1, sync: false });
  return pino.multistream([
    { stream: pino.destination({ dest: 1, sync: false }) },
    {
      stream: pino.transport({
        target: 'pino-roll',
        options: {
          file: env.LOG_FILE,
          frequency: 'daily',
          size: '100m',
          mkdir: true,
          limit: { count: 14 },
        },
      }),
    },
  ]);
}
