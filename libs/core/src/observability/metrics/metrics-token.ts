import { timingSafeEqual } from 'node:crypto';

/** True when no token is configured, or the Authorization header carries exactly `Bearer <token>`. */
export function metricsAccessAllowed(expected: string | undefined, authorization: string | undefined): boolean {
  if (!expected) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
