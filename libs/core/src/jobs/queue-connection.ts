import type { Queue } from 'bull';

/**
 * Whether the queue's Redis connection can take a command now, waiting up to `timeoutMs` while
 * it is still making its first connection. While ioredis reconnects after losing Redis, a
 * command would wait in its offline queue and might reach Redis at any later moment; an outbox
 * dispatch does not send one then and leaves the job to the outbox sweeper instead.
 */
export function queueConnected(queue: Queue, timeoutMs: number): Promise<boolean> {
  const client = queue.client;
  if (client.status === 'ready') return Promise.resolve(true);
  if (!['wait', 'connecting', 'connect'].includes(client.status)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.once('ready', onReady);
  });
}
