import { metricsRegistry } from '@app/core';
import { Counter } from 'prom-client';

/** `rotated`: a new pair was issued; `reuse`: a spent token came back and its family was revoked; `refused`: anything else. */
export type RefreshOutcome = 'rotated' | 'reuse' | 'refused';

export const refreshTokensTotal = new Counter({
  name: 'strata_auth_refresh_total',
  help: 'Refresh-token exchanges by outcome (rotated, reuse, refused)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

/** Login, refresh and password-change attempts refused before the password was checked, by limit. */
export const authRateLimitedTotal = new Counter({
  name: 'strata_auth_rate_limited_total',
  help: 'Auth requests refused with 429, by the limit that refused them',
  labelNames: ['limit'] as const,
  registers: [metricsRegistry],
});
