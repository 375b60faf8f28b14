/** Input as a decoder reads it: the bytes cut into chunks (at `cuts`, or of `size`). */
export async function* chunksOf(data: string | Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function* cutAt(data: Buffer, cut: number): AsyncGenerator<Buffer> {
  yield data.subarray(0, cut);
  yield data.subarray(cut);
}
