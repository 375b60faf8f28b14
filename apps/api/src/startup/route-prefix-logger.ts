import { LoggerService } from '@nestjs/common';

/**
 * Nest logs each controller's base path with the global prefix even when its routes are excluded from
 * it (`HealthController {/api/health}:` for routes served at `/health`). This puts the real path back.
 */
export function withRealControllerPath(message: string, prefix: string, unprefixed: readonly string[]): string {
  const match = /^(\w+) \{\/([^}]*)\}:$/.exec(message);
  if (!match || !match[2].startsWith(`${prefix}/`)) return message;
  const path = match[2].slice(prefix.length + 1);
  return unprefixed.includes(path) ? `${match[1]} {/${path}}:` : message;
}

/** Passes every log call on, correcting the controller lines of Nest's route resolver. */
export class RoutePrefixLogger implements LoggerService {
  constructor(
    private readonly inner: LoggerService,
    private readonly prefix: string,
    private readonly unprefixed: readonly string[],
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    const fromResolver = rest[rest.length - 1] === 'RoutesResolver' && typeof message === 'string';
    this.inner.log(fromResolver ? withRealControllerPath(message, this.prefix, this.unprefixed) : message, ...rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.inner.fatal?.(message, ...rest);
  }
}
