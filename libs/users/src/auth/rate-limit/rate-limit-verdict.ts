import { WindowCount } from './counter-store';

/** One limit as it stands for this request: `count` includes the request itself. */
export interface LimitState extends WindowCount {
  limit: string;
  max: number;
}

export interface Refusal {
  limit: string;
  retryAfterSeconds: number;
}

/**
 * The limit that refuses the request, if any: every one over its maximum refuses, and the caller
 * is told to come back when the last of them has reset.
 */
export function rateLimitVerdict(states: LimitState[]): Refusal | null {
  const exceeded = states.filter((state) => state.count > state.max);
  if (exceeded.length === 0) return null;
  const longest = exceeded.reduce((a, b) => (b.resetInMs > a.resetInMs ? b : a));
  return { limit: longest.limit, retryAfterSeconds: Math.max(1, Math.ceil(longest.resetInMs / 1000)) };
}
