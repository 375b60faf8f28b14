import { Global, Injectable, Module } from '@nestjs/common';

/**
 * Parts of this process that keep serving in a reduced way while a dependency is down, such as
 * login limits counted per process while the shared counters (Redis) are unreachable.
 * `/health/ready` lists each registered part, as down while it is in its fallback.
 */
@Injectable()
export class FallbackModes {
  private readonly reasons = new Map<string, string | null>();

  /** Sets `name`'s state: a reason while it runs in its fallback, null when it is back to normal. */
  set(name: string, fallbackReason: string | null): void {
    this.reasons.set(name, fallbackReason);
  }

  entries(): Array<[name: string, fallbackReason: string | null]> {
    return [...this.reasons.entries()];
  }
}

/** Global, so any lib can report a fallback and the health module can read them. */
@Global()
@Module({ providers: [FallbackModes], exports: [FallbackModes] })
export class FallbackModesModule {}
