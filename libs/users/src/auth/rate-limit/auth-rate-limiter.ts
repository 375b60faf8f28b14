import { Env, InjectEnv, rateLimited } from '@app/core';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { authRateLimitedTotal } from '../auth-metrics';
import { LimiterCounters } from './limiter-counters';
import { LimitState, rateLimitVerdict } from './rate-limit-verdict';

/** The account a credential check is for, as login compares emails; hashed, so no address sits in Redis. */
const accountKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32);
const addressKey = (ip: string | null) => ip ?? 'unknown';

/**
 * The limits of the auth routes, each per LOGIN_RATE_WINDOW_SECONDS:
 * - every login attempt per client address (LOGIN_RATE_LIMIT);
 * - failed credential checks per account and address (LOGIN_RATE_LIMIT), so a stranger's failures
 *   never lock the owner out;
 * - failed credential checks per account from anywhere (LOGIN_ACCOUNT_FAILURE_LIMIT, much higher):
 *   the ceiling on guessing one password from many addresses;
 * - refreshes per client address (REFRESH_RATE_LIMIT).
 * A correct password is refused only when its own address is over a limit or the account is over
 * its ceiling. Over a limit: 429 RATE_LIMITED with Retry-After.
 */
@Injectable()
export class AuthRateLimiter {
  private readonly windowMs: number;

  constructor(
    @InjectEnv() private readonly env: Env,
    private readonly counters: LimiterCounters,
  ) {
    this.windowMs = env.LOGIN_RATE_WINDOW_SECONDS * 1000;
  }

  /** Counts a login attempt from `ip`, then refuses it if any login limit is over. */
  async admitLogin(ip: string | null, email: string): Promise<void> {
    const [address, ...failures] = await Promise.all([
      this.counters.hit(`login:address:${addressKey(ip)}`, this.windowMs),
      ...this.failureCounts(ip, email),
    ]);
    this.enforce([{ limit: 'login-address', max: this.env.LOGIN_RATE_LIMIT, ...address }, ...failures]);
  }

  /** Refuses another password check for this account from `ip` when its failures are over a limit. */
  async admitCredentialCheck(ip: string | null, email: string): Promise<void> {
    this.enforce(await Promise.all(this.failureCounts(ip, email)));
  }

  /** Counts a failed credential check against the account, from `ip` and in total. */
  async recordFailure(ip: string | null, email: string): Promise<void> {
    const account = accountKey(email);
    await Promise.all([
      this.counters.hit(`failures:pair:${account}:${addressKey(ip)}`, this.windowMs),
      this.counters.hit(`failures:account:${account}`, this.windowMs),
    ]);
  }

  /** Counts a refresh from `ip`, and refuses it over REFRESH_RATE_LIMIT. */
  async admitRefresh(ip: string | null): Promise<void> {
    const address = await this.counters.hit(`refresh:address:${addressKey(ip)}`, this.windowMs);
    this.enforce([{ limit: 'refresh-address', max: this.env.REFRESH_RATE_LIMIT, ...address }]);
  }

  /** The failure counts as this check would find them if it failed too (hence + 1). */
  private failureCounts(ip: string | null, email: string): Array<Promise<LimitState>> {
    const account = accountKey(email);
    const peek = async (key: string, limit: string, max: number): Promise<LimitState> => {
      const { count, resetInMs } = await this.counters.peek(key);
      return { limit, max, count: count + 1, resetInMs };
    };
    return [
      peek(`failures:pair:${account}:${addressKey(ip)}`, 'account-address', this.env.LOGIN_RATE_LIMIT),
      peek(`failures:account:${account}`, 'account', this.env.LOGIN_ACCOUNT_FAILURE_LIMIT),
    ];
  }

  private enforce(states: LimitState[]): void {
    const refusal = rateLimitVerdict(states);
    if (!refusal) return;
    authRateLimitedTotal.inc({ limit: refusal.limit });
    throw rateLimited(
      `Too many attempts; try again in ${refusal.retryAfterSeconds} seconds`,
      refusal.retryAfterSeconds,
    );
  }
}
