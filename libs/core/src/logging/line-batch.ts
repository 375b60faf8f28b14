import type pino from 'pino';

type Output = ReturnType<typeof pino.destination>;

/** Every batch of the process, written out synchronously when it exits. */
const live = new Set<LineBatch>();

function writeAllHeld(): void {
  for (const batch of live) batch.flushSync();
}

let exitHooked = false;

/**
 * Log lines held in memory and handed to `output` (sonic-boom) as one string once they reach
 * `length` code units or `intervalMs` passed: one write of a large chunk instead of sonic-boom's
 * per-line buffering. Bounded: `length` plus the line that crossed it. On `exit` and `beforeExit`
 * whatever is held is written synchronously, before pino flushes the output itself.
 */
export class LineBatch {
  /** Marks it a stream for pino, as sonic-boom does. */
  readonly writable = true;
  private held: string[] = [];
  private heldLength = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly output: Output,
    private readonly length: number,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => this.release(), intervalMs).unref();
    live.add(this);
    if (!exitHooked) {
      exitHooked = true;
      process.prependListener('exit', writeAllHeld);
      process.prependListener('beforeExit', writeAllHeld);
    }
  }

  write(line: string): boolean {
    this.held.push(line);
    this.heldLength += line.length;
    if (this.heldLength >= this.length) this.release();
    return true;
  }

  /** Hands what is held to the output, which writes it as soon as its previous write is done. */
  release(): void {
    if (this.heldLength === 0) return;
    const text = this.held.length === 1 ? this.held[0] : this.held.join('');
    this.held = [];
    this.heldLength = 0;
    this.output.write(text);
  }

  /** Writes out everything held, then calls back (sonic-boom's `flush`). */
  flush(done: (err?: Error) => void): void {
    this.release();
    this.output.flush(done);
  }

  /** Writes out everything held before returning; for the process's exit. */
  flushSync(): void {
    try {
      this.release();
      this.output.flushSync();
    } catch {
      // Not open yet or already closed: nothing was written to it, or pino has flushed it.
    }
  }

  /** Writes out what is held and closes the output (pino's multistream `end`). */
  end(): void {
    this.release();
    live.delete(this);
    clearInterval(this.timer);
    this.output.end();
  }

  /** The output's `ready`, `error`, ... events (pino and the tests listen to them). */
  once(event: string, listener: (...args: unknown[]) => void): this {
    this.output.once(event, listener);
    return this;
  }
}
