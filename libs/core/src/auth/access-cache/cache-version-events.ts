import type Redis from 'ioredis';
import type { CacheVersionKind, CacheVersions } from './access-cache-version';

/**
 * This process's subscription to the bumps of the shared cache versions, and the versions it
 * counts from them. `versions` is null while the subscription cannot be trusted: before the first
 * SUBSCRIBE is confirmed, and from the moment the connection ends (its end of stream or its error,
 * both seen in the poll phase that reads them, not only when ioredis closes it one phase later) until
 * it is confirmed again. Every (re)subscription starts a new epoch (then `onChange(true)`): versions of
 * an earlier one never come back, whatever was published while nobody listened.
 */
export class CacheVersionEvents {
  private epoch = 0;
  private counts: Record<CacheVersionKind, number> = { access: 0, schema: 0 };
  private current: CacheVersions | null = null;

  constructor(
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly onChange: (subscribed: boolean) => void,
  ) {
    subscriber.on('error', () => this.lose());
    subscriber.on('close', () => this.lose());
    subscriber.on('connect', () => {
      subscriber.stream.once('end', () => this.lose());
      subscriber.stream.once('error', () => this.lose());
    });
    subscriber.on('ready', () => void this.subscribe());
    subscriber.on('message', (from: string, kind: string) => {
      if (from === channel && this.current && (kind === 'access' || kind === 'schema')) this.count(kind);
    });
  }

  /** The versions counted in this epoch, or null while not subscribed. */
  get versions(): CacheVersions | null {
    return this.current;
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
    } catch {
      // Going away: its 'close' brings the next attempt. Still up (the SUBSCRIBE timed out): start over.
      if (this.subscriber.status === 'ready') this.subscriber.disconnect(true);
      return;
    }
    if (this.subscriber.status !== 'ready') return;
    this.epoch++;
    this.counts = { access: 0, schema: 0 };
    this.current = this.snapshot();
    this.onChange(true);
  }

  private count(kind: CacheVersionKind): void {
    this.counts[kind]++;
    this.current = this.snapshot();
  }

  private snapshot(): CacheVersions {
    const tag = `events${this.epoch}`;
    return Object.freeze({ access: `${tag}:${this.counts.access}`, schema: `${tag}:${this.counts.schema}` });
  }

  private lose(): void {
    if (this.current === null) return;
    this.current = null;
    this.onChange(false);
  }
}
