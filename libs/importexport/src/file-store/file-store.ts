import { Readable } from 'node:stream';

export interface PutOptions {
  /** The length the sender announced: fewer (or more) bytes make the upload a truncated one. */
  expectedBytes?: number;
  /** Overrides the store's cap for this file. */
  maxBytes?: number;
  /** Kept on the generated name (`csv`, `xlsx`, `json`, `ndjson`); anything else is dropped. */
  extension?: string;
  /** Write under this key, made by `newKey` beforehand (so that others can `follow` the file meanwhile). */
  key?: string;
}

/** How the writer of a followed file is doing, as its job row says. */
export type WriterState = 'writing' | 'done' | 'failed';

export interface StoredFile {
  /** The name the server generated; never derived from the client's file name. */
  key: string;
  bytes: number;
}

/**
 * Where uploads and exports live. The local folder is the default; an S3-compatible store implements
 * the same calls. Writers stop at the size cap and refuse a truncated upload, leaving nothing.
 */
export interface FileStore {
  put(source: AsyncIterable<Uint8Array | string> | Readable, options?: PutOptions): Promise<StoredFile>;
  get(key: string): Readable;
  /** A fresh key for `put` (with `extension` kept as `put` keeps it). */
  newKey(extension?: string): string;
  /**
   * The file under `key` while `put` is still writing it, streamed as it grows, ending with the
   * file. `writer` is asked now and then (and whenever the file stops growing): 'failed' fails the
   * stream. A store that cannot follow a file being written may answer an error.
   */
  follow(key: string, writer: () => Promise<WriterState>): Readable;
  /**
   * The file in chunks, for a reader that copies what it keeps: a chunk is valid only until the
   * next one is asked for (the store reuses its buffers).
   */
  read(key: string): AsyncIterable<Buffer>;
  delete(key: string): Promise<void>;
  size(key: string): Promise<number>;
}

export const DEFAULT_IMPORT_MAX_BYTES = 1024 * 1024 * 1024;
