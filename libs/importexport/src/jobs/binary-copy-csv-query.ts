import { Readable } from 'node:stream';
import type { Connection, Submittable } from 'pg';
import { BinaryCell, BinaryCopyCsvEncoder, CSV_CHUNK_BYTES } from '../encode/binary-copy-csv';
import { COPY_GOES_ON, CopyOutFrames } from './copy-out-frames';

type DataListener = (chunk: Buffer) => void;

/**
 * `COPY (...) TO STDOUT (FORMAT binary)` on a pg client, read as the CSV `BinaryCopyCsvEncoder`
 * writes: `client.query(new BinaryCopyCsvQuery(sql, names, cells))` is a stream of CSV chunks.
 *
 * Like pg-copy-streams it takes the connection's socket from pg while the COPY runs and gives it
 * back after CopyDone, or before an ErrorResponse (pg parses it and calls `handleError`). Unlike
 * it, the messages and the rows in them are read in one pass over each socket chunk, straight into
 * the encoder: no buffer list, no object per row. When the stream is destroyed before the COPY's
 * end (the file could not be written) or the data cannot be read, the rest of the COPY is read
 * and dropped, so that the connection reaches ReadyForQuery and the transaction can roll back.
 */
export class BinaryCopyCsvQuery extends Readable implements Submittable {
  private readonly encoder: BinaryCopyCsvEncoder;
  private readonly frames: CopyOutFrames;
  private socket?: Connection['stream'];
  private pgData?: DataListener;
  /** The reader wants more (push said so since the last `_read`). */
  private wanted = false;
  private forwarding = false;
  /** The rest of the COPY is read and dropped (destroyed, or its data failed). */
  private discarding = false;
  private failure?: Error;

  constructor(
    private readonly text: string,
    names: readonly string[],
    cells: readonly BinaryCell[],
  ) {
    // a few chunks may wait for the file: the socket is read while the previous chunk is written
    super({ highWaterMark: 2 * CSV_CHUNK_BYTES });
    this.encoder = new BinaryCopyCsvEncoder(names, cells, (chunk) => {
      if (!this.push(chunk)) this.wanted = false;
    });
    this.frames = new CopyOutFrames((chunk, start, end) => this.copyData(chunk, start, end));
  }

  /** Rows written so far (all of them once the stream has ended). */
  get rows(): number {
    return this.encoder.rows;
  }

  submit(connection: Connection): void {
    const socket = connection.stream;
    const listeners = socket.listeners('data') as DataListener[];
    if (listeners.length !== 1) {
      this.destroy(new Error('The pg connection has no single data listener to take over'));
      return;
    }
    this.socket = socket;
    this.pgData = listeners[0];
    socket.removeListener('data', this.pgData);
    socket.pause();
    socket.on('readable', this.onReadable);
    connection.query(this.text);
  }

  override _read(): void {
    this.wanted = true;
    this.forward();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    if (this.socket) {
      this.discarding = true;
      this.forward();
    }
    done(error);
  }

  /** pg: an ErrorResponse after the socket was handed back, or the connection was lost. */
  handleError(error: Error): void {
    this.giveBack(undefined);
    // after CopyDone the data is whole and the stream has ended: the next query hears of it
    if (!this.frames.done) this.destroy(error);
  }

  handleCommandComplete(): void {}

  handleReadyForQuery(): void {
    if (!this.frames.done) this.destroy(new Error('The COPY ended without its data'));
  }

  private readonly onReadable = () => this.forward();

  private forward(): void {
    const socket = this.socket;
    if (this.forwarding || !socket) return;
    this.forwarding = true;
    try {
      let chunk: Buffer | null;
      while (this.socket && (this.wanted || this.discarding) && (chunk = socket.read() as Buffer | null) !== null)
        this.readChunk(chunk);
    } catch (error) {
      // the protocol itself is broken: the connection cannot be used any more
      socket.destroy(error as Error);
    } finally {
      this.forwarding = false;
    }
  }

  private readChunk(chunk: Buffer): void {
    const at = this.frames.read(chunk);
    if (at === COPY_GOES_ON) return;
    this.giveBack(chunk.subarray(at));
    if (!this.frames.done) return; // pg reads the message that is not ours and tells us
    if (!this.failure) {
      try {
        this.encoder.end();
        this.push(null);
        return;
      } catch (error) {
        this.failure = error as Error;
      }
    }
    this.destroy(this.failure);
  }

  private copyData(chunk: Buffer, start: number, end: number): void {
    if (this.discarding) return;
    try {
      this.encoder.write(chunk, start, end);
    } catch (error) {
      this.failure = error as Error;
      this.discarding = true;
    }
  }

  /** pg's parser reads the socket again, from `rest` on. */
  private giveBack(rest: Buffer | undefined): void {
    const socket = this.socket;
    const pgData = this.pgData;
    if (!socket || !pgData) return;
    this.socket = undefined;
    socket.removeListener('readable', this.onReadable);
    socket.on('data', pgData);
    if (rest && rest.length > 0) pgData(rest);
    // as pg-copy-streams: pg's listener may pause the socket while handling `rest`
    process.nextTick(() => socket.resume());
  }
}
