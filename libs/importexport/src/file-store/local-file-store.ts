import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileError } from '../import-file.errors';
import { DEFAULT_IMPORT_MAX_BYTES, FileStore, PutOptions, StoredFile } from './file-store';

/** Chunks of 64 KiB: what a read stream makes afresh each time (`get`), or reuses (`read`). */
const READ_CHUNK_BYTES = 64 * 1024;

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.(csv|xlsx|json|ndjson))?$/;
const EXTENSIONS = new Set(['csv', 'xlsx', 'json', 'ndjson']);

class ByteCounter extends Transform {
  bytes = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(fileError('FILE_TOO_LARGE', `The file is larger than the limit of ${this.maxBytes} bytes`));
      return;
    }
    done(null, chunk);
  }
}

/** Files in `<FILE_STORE_DIR>/files`, named by a random UUID; written to `.part` and renamed when whole. */
export class LocalFileStore implements FileStore {
  private readonly folder: string;

  constructor(
    root: string,
    private readonly maxBytes = DEFAULT_IMPORT_MAX_BYTES,
  ) {
    this.folder = resolve(root, 'files');
  }

  async put(source: AsyncIterable<Uint8Array | string> | Readable, options: PutOptions = {}): Promise<StoredFile> {
    await mkdir(this.folder, { recursive: true });
    const extension = options.extension?.toLowerCase();
    const key = randomUUID() + (extension && EXTENSIONS.has(extension) ? `.${extension}` : '');
    const partial = join(this.folder, `${key}.part`);
    const counter = new ByteCounter(options.maxBytes ?? this.maxBytes);
    try {
      await pipeline(source, counter, createWriteStream(partial, { flags: 'wx' }));
      if (options.expectedBytes !== undefined && counter.bytes !== options.expectedBytes) {
        throw fileError(
          'UPLOAD_TRUNCATED',
          `The upload ended after ${counter.bytes} of ${options.expectedBytes} announced bytes`,
        );
      }
      await rename(partial, join(this.folder, key));
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      throw error;
    }
    return { key, bytes: counter.bytes };
  }

  get(key: string): Readable {
    return createReadStream(this.pathOf(key), { highWaterMark: READ_CHUNK_BYTES });
  }

  async *read(key: string): AsyncGenerator<Buffer> {
    const file = await open(this.pathOf(key), 'r');
    try {
      // two buffers in turn: the chunk handed out stays intact while the next one is read
      const buffers = [Buffer.allocUnsafeSlow(READ_CHUNK_BYTES), Buffer.allocUnsafeSlow(READ_CHUNK_BYTES)];
      for (let turn = 0; ; turn ^= 1) {
        const { bytesRead } = await file.read(buffers[turn], 0, READ_CHUNK_BYTES, null);
        if (bytesRead === 0) return;
        yield buffers[turn].subarray(0, bytesRead);
      }
    } finally {
      await file.close();
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async size(key: string): Promise<number> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw fileError('FILE_NOT_FOUND', 'No such file');
      throw error;
    }
  }

  /** Only names this store generated resolve; anything else (a path, `..`) is not found. */
  private pathOf(key: string): string {
    if (!KEY.test(key)) throw fileError('FILE_NOT_FOUND', 'No such file');
    return join(this.folder, key);
  }
}
