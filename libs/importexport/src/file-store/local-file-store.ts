import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { FileHandle, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileError } from '../import-file.errors';
import { DEFAULT_IMPORT_MAX_BYTES, FileStore, PutOptions, StoredFile, WriterState } from './file-store';

/** `read` (an import's decoder) reuses two buffers of 64 KiB. */
const READ_CHUNK_BYTES = 64 * 1024;
/** `get` and `follow` (downloads) hand out fresh chunks, larger: fewer of them to send. */
const STREAM_CHUNK_BYTES = 256 * 1024;
/** How often a follower looks again when it has caught up with the writer. */
const FOLLOW_POLL_MS = 20;
/** How often a follower asks how the writer is doing while the file grows. */
const FOLLOW_ASK_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function* rest(file: FileHandle): AsyncGenerator<Buffer> {
  for (;;) {
    const chunk = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
    const { bytesRead } = await file.read(chunk, 0, STREAM_CHUNK_BYTES, null);
    if (bytesRead === 0) return;
    yield chunk.subarray(0, bytesRead);
  }
}

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

  newKey(extension?: string): string {
    const lower = extension?.toLowerCase();
    return randomUUID() + (lower && EXTENSIONS.has(lower) ? `.${lower}` : '');
  }

  async put(source: AsyncIterable<Uint8Array | string> | Readable, options: PutOptions = {}): Promise<StoredFile> {
    await mkdir(this.folder, { recursive: true });
    const key = options.key ?? this.newKey(options.extension);
    const partial = `${this.pathOf(key)}.part`;
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
    return createReadStream(this.pathOf(key), { highWaterMark: STREAM_CHUNK_BYTES });
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

  follow(key: string, writer: () => Promise<WriterState>): Readable {
    return Readable.from(this.growing(this.pathOf(key), writer), { objectMode: false });
  }

  /**
   * Reads the partial file while it grows. `put` renames it when whole and removes it when it
   * fails, so at its end a vanished `.part` with the whole file there means done, and neither
   * means failed; the writer's state covers a writer that died (its `.part` stays, the file stops).
   */
  private async *growing(path: string, writer: () => Promise<WriterState>): AsyncGenerator<Buffer> {
    const partial = `${path}.part`;
    let file: FileHandle | undefined;
    let asked = 0;
    const state = async (): Promise<WriterState> => {
      asked = Date.now();
      return writer();
    };
    const failed = () => fileError('FILE_NOT_FOUND', 'The file was not written to its end');
    while (!file) {
      file = (await open(partial, 'r').catch(() => undefined)) ?? (await open(path, 'r').catch(() => undefined));
      if (file) break;
      if ((await state()) === 'failed') throw failed();
      await sleep(FOLLOW_POLL_MS);
    }
    try {
      for (;;) {
        const chunk = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
        const { bytesRead } = await file.read(chunk, 0, STREAM_CHUNK_BYTES, null);
        if (bytesRead > 0) {
          yield chunk.subarray(0, bytesRead);
          continue;
        }
        const writing = await exists(partial);
        if (!writing && (await exists(path))) {
          // whole: whatever came since the last read is still to be read (the file is the same)
          yield* rest(file);
          return;
        }
        if (!writing || Date.now() - asked >= FOLLOW_ASK_MS) {
          const now = await state();
          if (now === 'failed' || (now === 'done' && !(await exists(path)))) throw failed();
        }
        await sleep(FOLLOW_POLL_MS);
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
