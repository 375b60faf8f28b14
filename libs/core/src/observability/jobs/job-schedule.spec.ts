import { loadEnv } from '../../config/load-env';
import { isLastAttempt } from './job-runner';
import { cronEnabled } from './repeatable-jobs';

describe('isLastAttempt', () => {
  it('is true only for the attempt after which Bull retries no more', () => {
    expect(isLastAttempt({ attemptsMade: 0, opts: { attempts: 5 } })).toBe(false);
    expect(isLastAttempt({ attemptsMade: 3, opts: { attempts: 5 } })).toBe(false);
    expect(isLastAttempt({ attemptsMade: 4, opts: { attempts: 5 } })).toBe(true);
    expect(isLastAttempt({ attemptsMade: 0, opts: {} })).toBe(true);
  });
});

describe('cronEnabled', () => {
  it('treats empty and off-like values as disabled', () => {
    for (const off of ['', '  ', 'off', 'OFF', 'false', 'disabled', 'none', null, undefined]) {
      expect(cronEnabled(off)).toBe(false);
    }
    expect(cronEnabled('0 7 * * *')).toBe(true);
  });
});

describe('cron settings', () => {
  it('default to the documented schedules, the clean-up being off', () => {
    const env = loadEnv({});
    expect(env.DAILY_REPORT_CRON).toBe('0 7 * * *');
    expect(env.INACTIVE_USER_CLEANUP_CRON).toBe('30 3 * * *');
    expect(env.INACTIVE_USER_DAYS).toBe(0);
    expect(env.REFRESH_TOKEN_PURGE_CRON).toBe('15 * * * *');
  });

  it('keep an empty value, which disables the job, and accept 6-field crons', () => {
    const env = loadEnv({ DAILY_REPORT_CRON: '', REFRESH_TOKEN_PURGE_CRON: '0 */5 * * * *', INACTIVE_USER_DAYS: '90' });
    expect(env.DAILY_REPORT_CRON).toBe('');
    expect(env.REFRESH_TOKEN_PURGE_CRON).toBe('0 */5 * * * *');
    expect(env.INACTIVE_USER_DAYS).toBe(90);
  });

  it('refuse malformed crons and negative days', () => {
    expect(() => loadEnv({ DAILY_REPORT_CRON: 'every day' })).toThrow(/DAILY_REPORT_CRON must be a cron expression/);
    expect(() => loadEnv({ INACTIVE_USER_CLEANUP_CRON: '* * *' })).toThrow(/INACTIVE_USER_CLEANUP_CRON/);
    expect(() => loadEnv({ INACTIVE_USER_DAYS: '-1' })).toThrow(/INACTIVE_USER_DAYS/);
  });
});
