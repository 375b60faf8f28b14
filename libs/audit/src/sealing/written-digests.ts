import { Injectable } from '@nestjs/common';

/** Entries remembered at most; beyond, the oldest are forgotten (and checked by signature instead). */
const REMEMBERED = 100_000;

/**
 * The digests of the entries this process wrote and has not sealed yet. A row whose digest is the
 * one remembered for its id is exactly what this process wrote, which the sealer then knows
 * without checking the writer's signature (a SHA-256 instead of an Ed25519 verification). Ids are
 * random and unique in the table, so nobody else's row can match a remembered one.
 */
@Injectable()
export class WrittenDigests {
  private readonly digests = new Map<string, string>();

  remember(id: string, digest: string): void {
    if (this.digests.size >= REMEMBERED) {
      const oldest = this.digests.keys().next();
      if (!oldest.done) this.digests.delete(oldest.value);
    }
    this.digests.set(id, digest);
  }

  /** Whether `digest` is the one remembered for `id`; forgets it either way. */
  take(id: string, digest: string): boolean {
    const remembered = this.digests.get(id);
    this.digests.delete(id);
    return remembered === digest;
  }
}
