import { Env } from '@app/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';

interface TrackedRequest {
  ip?: string;
  body?: unknown;
}

/** The client address the login attempt came from. */
export function ipTracker(req: TrackedRequest): string {
  return `ip:${req.ip ?? 'unknown'}`;
}

/** The account a login attempt is for: the email, trimmed and lower-cased as login compares it. */
export function accountTracker(req: TrackedRequest): string {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return `account:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

/** Two limits on login, each LOGIN_RATE_LIMIT per LOGIN_RATE_WINDOW_SECONDS: per client IP and per account. */
export function loginThrottlers(env: Env): ThrottlerOptions[] {
  const common = { limit: env.LOGIN_RATE_LIMIT, ttl: env.LOGIN_RATE_WINDOW_SECONDS * 1000 };
  return [
    { name: 'login-ip', ...common, getTracker: ipTracker },
    { name: 'login-account', ...common, getTracker: accountTracker },
  ];
}

/** The counters live in Redis, so the limits hold across every API instance. */
export function loginThrottlerOptions(env: Env): ThrottlerModuleOptions {
  return {
    setHeaders: false,
    throttlers: loginThrottlers(env),
    storage: new ThrottlerStorageRedisService(env.REDIS_URL, {
      keyPrefix: `${env.QUEUE_PREFIX}:throttle:`,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    }),
  };
}
