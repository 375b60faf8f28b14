import { Env } from '@app/core';
import { accountTracker, ipTracker, loginThrottlers } from './login-throttle';

describe('login throttle', () => {
  it('tracks the client address', () => {
    expect(ipTracker({ ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
  });

  it('tracks the account by the trimmed, lower-cased email', () => {
    expect(accountTracker({ body: { email: '  Jane@Example.COM ' } })).toBe('account:jane@example.com');
    expect(accountTracker({ body: { email: 'jane@example.com' } })).toBe(
      accountTracker({ body: { email: 'JANE@example.com' } }),
    );
    expect(accountTracker({ body: {} })).toBe('account:');
    expect(accountTracker({ body: { email: 42 } })).toBe('account:');
    expect(accountTracker({})).toBe('account:');
  });

  it('has one IP and one account limit, both from the env', () => {
    const throttlers = loginThrottlers({ LOGIN_RATE_LIMIT: 3, LOGIN_RATE_WINDOW_SECONDS: 60 } as Env);
    expect(throttlers.map((x) => [x.name, x.limit, x.ttl])).toEqual([
      ['login-ip', 3, 60_000],
      ['login-account', 3, 60_000],
    ]);
  });
});
