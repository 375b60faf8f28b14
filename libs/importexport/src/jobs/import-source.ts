import { Readable } from 'node:stream';
import { decodeCsv } from '../decode/csv-decoder';
import { DecodedBatches } from '../decode/decoded-item';
import { decodeJsonArray } from '../decode/json-array-decoder';
import { decodeNdjson } from '../decode/ndjson-decoder';
import { decodeXlsx } from '../decode/xlsx-decoder';
import { FileStore } from '../file-store/file-store';
import { ImportFormat } from './import-export-jobs';

/** Counts the bytes that pass, for progress. */
export class ByteCounter {
  bytes = 0;

  async *count(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      this.bytes += chunk.length;
      yield chunk;
    }
  }
}

/** The decoder of a stored file in its format; bytes read are counted (for XLSX, its last pass). */
export function decodeStored(
  store: FileStore,
  key: string,
  format: ImportFormat,
  counter: ByteCounter,
): DecodedBatches {
  switch (format) {
    case 'csv':
      // the CSV decoder copies the bytes it carries over, so the store may reuse its buffers
      return decodeCsv(counter.count(store.read(key)));
    case 'json':
      return decodeJsonArray(counter.count(store.get(key)));
    case 'ndjson':
      return decodeNdjson(counter.count(store.get(key)));
    case 'xlsx': {
      let pass = 0;
      // the XLSX reader opens the file three times; the last pass reads the rows
      return decodeXlsx(() => {
        pass++;
        const stream = store.get(key);
        return pass < 3 ? stream : Readable.from(counter.count(stream));
      });
    }
  }
}
