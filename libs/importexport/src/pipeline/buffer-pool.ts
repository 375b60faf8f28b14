const SMALLEST = 64 * 1024;
const KEPT_PER_SIZE = 32;

/**
 * Buffers handed out and given back, in power-of-two sizes from 64 KiB. An import makes tens of
 * thousands of buffers of COPY text; allocated afresh, each lives until the garbage collector finds
 * it dead, and the C allocator's heap grows with the ones in between (about 100 MB for a million
 * rows here). Given back once their bytes have left for the database, a few dozen serve the whole
 * file.
 */
export class BufferPool {
  private readonly free = new Map<number, Buffer[]>();

  /** A buffer of at least `bytes` (its content is garbage). */
  take(bytes: number): Buffer {
    const size = sizeFor(bytes);
    return this.free.get(size)?.pop() ?? Buffer.allocUnsafeSlow(size);
  }

  /** Gives back a buffer this pool handed out; nothing may use it any more. */
  give(buffer: Buffer): void {
    const size = buffer.length;
    if (size !== sizeFor(size)) return;
    const list = this.free.get(size) ?? [];
    if (list.length < KEPT_PER_SIZE) list.push(buffer);
    this.free.set(size, list);
  }
}

function sizeFor(bytes: number): number {
  let size = SMALLEST;
  while (size < bytes) size *= 2;
  return size;
}
