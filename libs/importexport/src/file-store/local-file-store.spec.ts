import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ImportFileError } from '../import-file.errors';
import { LocalFileStore } from './local-file-store';

describe('LocalFileStore', () => {
  let root: string;
  beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'strata-files-'))));
  afterEach(() => rm(root, { recursive: true, force: true }));

  const read = async (store: LocalFileStore, key: string) => {
    const parts: Buffer[] = [];
    for await (const chunk of store.get(key)) parts.push(chunk as Buffer);
    return Buffer.concat(parts).toString();
  };

  it('stores a stream under a generated name, and gets, sizes and deletes it', async () => {
    const store = new LocalFileStore(root);
    const stored = await store.put(Readable.from(['a,b\n', '1,2\n']), { extension: 'CSV' });
    expect(stored).toEqual({ key: expect.stringMatching(/^[0-9a-f-]{36}\.csv$/), bytes: 8 });
    expect(await read(store, stored.key)).toBe('a,b\n1,2\n');
    expect(await store.size(stored.key)).toBe(8);
    await store.delete(stored.key);
    await expect(store.size(stored.key)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('reads a file in chunks of 64 KiB through two buffers in turn', async () => {
    const store = new LocalFileStore(root);
    const data = Buffer.alloc(200 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = i % 251;
    const stored = await store.put(Readable.from([data]));
    const copies: Buffer[] = [];
    const seen = new Set<ArrayBufferLike>();
    for await (const chunk of store.read(stored.key)) {
      copies.push(Buffer.from(chunk));
      seen.add(chunk.buffer);
    }
    expect(copies.map((c) => c.length)).toEqual([65536, 65536, 65536, 8192]);
    expect(Buffer.concat(copies).equals(data)).toBe(true);
    expect(seen.size).toBe(2);
    await expect(store.read('../x')[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('never takes a client name: an odd extension is dropped, and paths are not keys', async () => {
    const store = new LocalFileStore(root);
    const stored = await store.put(Readable.from(['x']), { extension: '../../etc/passwd' });
    expect(stored.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => store.get('../../etc/passwd')).toThrow(ImportFileError);
    await expect(store.size(`../files/${stored.key}`)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('stops at the size cap while writing and leaves nothing behind', async () => {
    const store = new LocalFileStore(root, 10);
    await expect(store.put(Readable.from(['12345', '67890', '1']))).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      status: 413,
    });
    expect(await readdir(join(root, 'files'))).toEqual([]);
  });

  it('refuses an upload that ends before its announced length, leaving nothing', async () => {
    const store = new LocalFileStore(root);
    await expect(store.put(Readable.from(['abc']), { expectedBytes: 10 })).rejects.toMatchObject({
      code: 'UPLOAD_TRUNCATED',
    });
    expect(await readdir(join(root, 'files'))).toEqual([]);
  });

  it('leaves nothing when the source fails midway (a dropped connection)', async () => {
    const store = new LocalFileStore(root);
    async function* dropped() {
      yield Buffer.from('abc');
      throw new Error('connection reset');
    }
    await expect(store.put(dropped())).rejects.toThrow('connection reset');
    expect(await readdir(join(root, 'files'))).toEqual([]);
  });

  it('keeps a whole upload byte for byte', async () => {
    const store = new LocalFileStore(root);
    const data = Buffer.from([0, 255, 1, 254, 0xef, 0xbb, 0xbf]);
    const stored = await store.put(Readable.from([data]), { expectedBytes: data.length });
    expect(await readFile(join(root, 'files', stored.key))).toEqual(data);
  });
});
