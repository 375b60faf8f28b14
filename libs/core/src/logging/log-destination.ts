import pino from 'pino';
import { Env } from '../config/env.schema';
import { LineBatch } from './line-batch';

/** The lines a batch holds before it is written out, in UTF-16 code units (at most 192 KiB of UTF-8). */
const BATCH_LENGTH = 64 * 1024;
/** How long a line waits at most when the API is quiet. */
const BATCH_INTERVAL_MS = 100;

/** Batched outputs not flushed at shutdown yet. */
const unflushed = new Set<LineBatch>();

/**
 * A batched output to `dest` (a file descriptor or path), flushed at shutdown: lines are held in
 * memory until they make 64 KiB or 100 ms passed, then sonic-boom writes them in one `fs.write`.
 * Per line that is an array push instead of sonic-boom's own buffering (which measures the
 * byte length of its whole buffer on every write): docs/performance.md, "Round 3: the request
 * log line". A crash or an `exit` still writes what is held (`LineBatch`); a SIGKILL loses at most
 * the last 100 ms or 64 KiB of lines.
 */
export function bufferedOutput(dest: number | string): LineBatch {
  // minLength 1: sonic-boom writes each batch at once, and its `flush` still waits for the writes
  // in flight (with 0 it calls back at once).
  const output = pino.destination({ dest, sync: false, minLength: 1 });
  const batch = new LineBatch(output, BATCH_LENGTH, BATCH_INTERVAL_MS);
  unflushed.add(batch);
  return batch;
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
 * Writes out what the batched outputs hold. For a stop on a signal: Nest then kills the process
 * with the signal, which, unlike `exit`, gives no chance to flush.
 */
export async function flushLogDestinations(): Promise<void> {
  const batches = [...unflushed];
  unflushed.clear();
  await Promise.all(batches.map((batch) => new Promise<void>((resolve) => batch.flush(() => resolve()))));
}
