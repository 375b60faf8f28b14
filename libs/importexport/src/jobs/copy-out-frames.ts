/** Backend messages of the COPY OUT sub-protocol (PostgreSQL's protocol, section 55.2.6). */
const COPY_DATA = 0x64; // d
const COPY_DONE = 0x63; // c
const COPY_OUT_RESPONSE = 0x48; // H
/** Asynchronous messages the backend may send in the middle of a COPY: skipped. */
const NOTICE_RESPONSE = 0x4e; // N
const PARAMETER_STATUS = 0x53; // S
const NOTIFICATION_RESPONSE = 0x41; // A

const OURS = new Uint8Array(256);
for (const c of [COPY_DATA, COPY_DONE, COPY_OUT_RESPONSE, NOTICE_RESPONSE, PARAMETER_STATUS, NOTIFICATION_RESPONSE])
  OURS[c] = 1;

/** `read` got through the whole chunk: the COPY goes on. */
export const COPY_GOES_ON = -1;

/**
 * Reads the messages of a COPY OUT from the connection's chunks as they come, in one pass: the
 * payload of each CopyData goes to `data` as a range of the chunk (no copy, no object per
 * message), however the chunks cut the messages. At CopyDone, an ErrorResponse or any message a
 * COPY does not send, it stops and says where in the chunk pg's own parser takes over.
 */
export class CopyOutFrames {
  /** CopyDone was read: the COPY's data is all there. */
  done = false;
  /** The current message's type, 0 between messages. */
  private code = 0;
  /** How many of its four length bytes have been read, and their value so far. */
  private lengthBytes = 0;
  private length = 0;
  /** Its payload bytes still to come. */
  private left = 0;

  constructor(private readonly data: (chunk: Buffer, start: number, end: number) => void) {}

  /** Reads `chunk`; returns `COPY_GOES_ON`, or where pg's parser takes over (after CopyDone, or before a message not ours). */
  read(chunk: Buffer): number {
    const n = chunk.length;
    let p = 0;
    while (p < n) {
      if (this.code === 0) {
        const code = chunk[p];
        if (OURS[code] !== 1) return p;
        this.code = code;
        p++;
        if (p + 4 <= n) {
          this.startPayload((chunk[p] << 24) | (chunk[p + 1] << 16) | (chunk[p + 2] << 8) | chunk[p + 3]);
          p += 4;
        } else continue;
      } else if (this.lengthBytes < 4) {
        this.length = (this.length << 8) | chunk[p++];
        if (++this.lengthBytes < 4) continue;
        this.startPayload(this.length);
      }
      if (this.left > 0) {
        const end = this.left < n - p ? p + this.left : n;
        if (this.code === COPY_DATA) this.data(chunk, p, end);
        this.left -= end - p;
        p = end;
        if (this.left > 0) return COPY_GOES_ON;
      }
      const code = this.code;
      this.code = 0;
      this.lengthBytes = 0;
      this.length = 0;
      if (code === COPY_DONE) {
        this.done = true;
        return p;
      }
    }
    return COPY_GOES_ON;
  }

  private startPayload(length: number): void {
    if (length < 4) throw new Error(`A protocol message of length ${length}`);
    this.lengthBytes = 4;
    this.left = length - 4;
  }
}
