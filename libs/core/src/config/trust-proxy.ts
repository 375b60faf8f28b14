import { isIP } from 'node:net';

/**
 * Whom Fastify believes about `X-Forwarded-For`: nobody (`false`), the last N hops, or proxies at
 * these addresses / CIDR ranges (or proxy-addr's names `loopback`, `linklocal`, `uniquelocal`).
 * `true` (believe every hop) is never a value: it lets any client choose its own address.
 */
export type TrustProxy = false | number | string[];

const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export const TRUST_PROXY_MESSAGE =
  'must be false, a number of proxy hops, or a comma-separated list of proxy addresses or CIDR ranges ' +
  '(true is refused: it would let any client choose its address through X-Forwarded-For)';

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Reads TRUST_PROXY; `undefined` when the value is not one of the accepted forms. */
export function parseTrustProxy(value: unknown): TrustProxy | undefined {
  if (value === false) return false;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value || false : undefined;
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string' && isAddressOrRange(v)) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.length > 0 && entries.every(isAddressOrRange) ? entries : undefined;
}
