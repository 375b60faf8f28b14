import pino from 'pino';
import { Env } from '../config/env.schema';

/**
 * Standard output holds lines until it has 4 KiB or 100 ms passed: a busy API writes its log in a
 * few large writes instead of one `fs.write` (a thread-pool round trip) per request line, about 7 µs
 * of a fast read's CPU (docs/performance.md, "The shared per-request path").
 */
const BUFFERED = { minLength: 4096, periodicFlush: 100 } as const;

type Destination = ReturnType<typeof pino.destination>;

/** Buffered outputs not flushed at shutdown yet. A crash still flushes them: pino does on `exit`. */
const unflushed = new Set<Destination>();

/** A buffered output to `dest` (a file descriptor or path), flushed at shutdown. */
export function bufferedOutput(dest: number | string): Destination {
  const stream = pino.destination({ dest, sync: false, ...BUFFERED });
  unflushed.add(stream);
  return stream;
}

/** Standard output, plus a daily-rotated file when LOG_FILE is set. */
export function logDestination(env: Env): pino.DestinationStream {
  if (!env.LOG_FILE) return bufferedOutput(1);
  return pino.multistream([
    { stream: bufferedOutput(1) },
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

/**
 * Writes out what the buffered outputs hold. For a stop on a signal: Nest then kills the process
 * with the signal, which, unlike `exit`, gives pino no chance to flush.
 */
export async function flushLogDestinations(): Promise<void> {
  const streams = [...unflushed];
  unflushed.clear();
  await Promise.all(streams.map((stream) => new Promise<void>((resolve) => stream.flush(() => resolve()))));
}
