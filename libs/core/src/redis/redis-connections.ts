import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { withTimeout } from '../async/with-timeout';
import { Env } from '../config/env.schema';
import { InjectEnv } from '../config/env.token';

/**
 * The one place that opens Redis connections (queues, health, rate limiting, the access cache's
 * version and its pub/sub subscriber, the schema cache and its own): each to REDIS_URL, named `strata-<name>`
 * so `CLIENT LIST` tells them apart, and each closed when the app shuts down. The caller chooses
 * how the connection behaves while Redis is away.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly open = new Map<Redis, string>();

  constructor(@InjectEnv() private readonly env: Env) {}

  connect(name: string, options: RedisOptions = {}): Redis {
    const client = new Redis(this.env.REDIS_URL, { ...options, connectionName: `strata-${name}` });
    this.track(client, name);
    return client;
  }

  /**
   * Open from `connecting` to `end`, however often: while a queue closes, Bull ends its blocking
   * connection and connects it again (to abort a blocking call), and that one must still be closed.
   */
  private track(client: Redis, name: string): void {
    this.open.set(client, name);
    client.on('connecting', () => this.open.set(client, name));
    client.on('end', () => this.open.delete(client));
  }

  /** The names of the connections not yet ended. */
  openNames(): string[] {
    return [...this.open.values()].sort();
  }

  /** Runs after every module's destroy hook, so the queues have stopped using theirs. */
  async onApplicationShutdown(): Promise<void> {
    const ended = [...this.open.keys()].map((client) => {
      const end = new Promise<void>((resolve) => client.once('end', () => resolve()));
      client.disconnect();
      return withTimeout(end, 1000, 'Redis disconnect').catch(() => undefined);
    });
    await Promise.all(ended);
  }
}

@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisConnectionsModule {}
