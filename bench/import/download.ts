import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';

/** A downloaded CSV as the bench counts it: its bytes and its header row. */
export interface Downloaded {
  bytes: number;
  header: string;
  /** How many pieces the body arrived in (fewer, larger ones cost both ends less). */
  chunks: number;
  /** When the first chunk of the body arrived (process.hrtime.bigint()). */
  firstChunkAt: bigint;
}

/** GETs `url` and reads the body to its end (fails unless 200), counting its bytes and keeping its first line. */
export async function downloadCsv(url: string, headers: Record<string, string> = {}): Promise<Downloaded> {
  const res = await fetch(url, { headers });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let head = '';
  let firstChunkAt = 0n;
  let chunks = 0;
  for await (const chunk of Readable.fromWeb(res.body as ReadableStream<Uint8Array>)) {
    const buffer = chunk as Buffer;
    if (!firstChunkAt) firstChunkAt = process.hrtime.bigint();
    if (head.length < 4096 && !head.includes('\n')) head += buffer.subarray(0, 4096).toString('utf8');
    bytes += buffer.length;
    chunks++;
  }
  return { bytes, header: head.split('\n')[0].replace(/\r$/, ''), chunks, firstChunkAt };
}
