import { PassThrough } from 'node:stream';

/** A writable that gathers what is written to it, and the bytes once it finishes. */
export function collectOutput(): { stream: PassThrough; bytes: Promise<Buffer> } {
  const stream = new PassThrough();
  const bytes = (async () => {
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  })();
  return { stream, bytes };
}
