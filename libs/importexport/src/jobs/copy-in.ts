import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';

/** A `COPY <table> (<columns>) FROM STDIN` (text format) that takes text with back-pressure. */
const EMPTY = Buffer.alloc(0);

export class CopyIn {
  private readonly stream: Writable & { rowCount?: number };
  private failure: Error | undefined;

  /** `table` and `columns` are quoted SQL names. */
  constructor(
    private readonly client: PoolClient,
    table: string,
    columns: readonly string[],
  ) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    this.stream.on('error', (error: Error) => (this.failure = error));
  }

  async write(text: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (text.length === 0) return;
    if (!this.stream.write(text))
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error'), once(this.stream, 'close')]);
    if (this.stream.destroyed && !this.failure) throw new Error('The COPY was stopped');
    if (this.failure) throw this.failure;
  }

  /** Writes every part, then waits until the stream takes more (one wait, not one per part). */
  async writeAll(parts: readonly Buffer[]): Promise<void> {
    if (this.failure) throw this.failure;
    let full = false;
    for (const part of parts) if (part.length > 0) full = !this.stream.write(part) || full;
    if (full) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error'), once(this.stream, 'close')]);
    if (this.stream.destroyed && !this.failure) throw new Error('The COPY was stopped');
    if (this.failure) throw this.failure;
  }

  /**
   * Resolves once every byte written so far has left Node for the kernel, so that the buffers
   * given to `write` may be reused. The stream hands buffers to the connection's socket as they
   * are; an empty write's callback comes after every earlier write has completed (zero bytes mean
   * nothing to the protocol).
   */
  async settled(): Promise<void> {
    if (this.failure) throw this.failure;
    const socket = (this.client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
    if (!socket || socket.writableLength === 0) return;
    await new Promise<void>((resolve, reject) => socket.write(EMPTY, (error) => (error ? reject(error) : resolve())));
  }

  /** Ends the COPY: the rows it took (still inside the caller's transaction, if any). */
  async end(): Promise<number> {
    this.stream.end();
    await finished(this.stream).catch(() => undefined);
    if (this.failure) throw this.failure;
    return this.stream.rowCount ?? 0;
  }

  /** Fails the COPY (its rows are gone); the connection can take the next statement. */
  async destroy(): Promise<void> {
    if (this.stream.destroyed) return;
    this.stream.destroy();
    await finished(this.stream).catch(() => undefined);
  }
}
