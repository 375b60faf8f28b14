import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { FallbackModes } from './fallback-modes';

/** One readiness check per registered fallback mode: up in normal operation, down (with why) in its fallback. */
@Injectable()
export class FallbackModesIndicator {
  constructor(
    private readonly modes: FallbackModes,
    private readonly indicator: HealthIndicatorService,
  ) {}

  /** Why each part in its fallback is there, by name. */
  reasons(): Map<string, string> {
    return new Map(this.modes.entries().filter((entry): entry is [string, string] => entry[1] !== null));
  }

  checks() {
    return this.modes.entries().map(([name, reason]) => () => {
      const check = this.indicator.check(name);
      return reason === null ? check.up() : check.down({ message: reason });
    });
  }
}
