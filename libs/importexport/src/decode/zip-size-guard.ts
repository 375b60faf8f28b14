import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as unzipper from 'unzipper';
import { fileError } from '../import-file.errors';

/**
 * Inflates every entry of a zip once, counting the bytes that come out, and fails as soon as the
 * total passes `maxBytes` (a zip bomb) or the archive is not a zip. The declared sizes in the headers
 * are not trusted: only the inflated bytes count.
 */
export async function assertZipWithinLimit(source: Readable, maxBytes: number): Promise<number> {
  let total = 0;
  const parser = unzipper.Parse({ forceStream: true });
  const counter = new Writable({
    objectMode: true,
    write(entry: unzipper.Entry, _encoding, done) {
      entry.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) {
          entry.destroy();
          done(fileError('DECOMPRESSED_TOO_LARGE', `The workbook unpacks to more than ${maxBytes} bytes`));
        }
      });
      entry.on('end', () => {
        if (total <= maxBytes) done();
      });
      entry.on('error', (error: Error) => done(error));
    },
  });
  try {
    await pipeline(source, parser, counter);
  } catch (error) {
    if ((error as { code?: string }).code === 'DECOMPRESSED_TOO_LARGE') throw error;
    throw fileError('FILE_TYPE_MISMATCH', 'The file is not a valid XLSX workbook (it is not a readable zip)');
  }
  return total;
}
