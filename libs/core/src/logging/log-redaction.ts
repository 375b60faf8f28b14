import { Env } from '../config/env.schema';

export const REDACTED = '[Redacted]';

/** Keys whose values never reach a log line, at any of the first four levels of an object. */
const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'password_hash',
  'token',
  'accessToken',
  'refreshToken',
  'refresh_token',
  'tokenHash',
  'token_hash',
  'authorization',
  'cookie',
  'secret',
  'privateKey',
  'signingKey',
  'parameters',
  'JWT_SECRET',
  'AUDIT_SIGNING_KEY',
  'ADMIN_PASSWORD',
  'METRICS_TOKEN',
];

export const REDACT_PATHS: string[] = ['', '*.', '*.*.', '*.*.*.'].flatMap((prefix) =>
  SECRET_KEYS.map((key) => `${prefix}${key}`),
);

/** Environment variables whose values are secrets wherever they appear in a line. */
const SECRET_VARIABLES = ['JWT_SECRET', 'AUDIT_SIGNING_KEY', 'ADMIN_PASSWORD', 'METRICS_TOKEN'];
const URL_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'MAIL_URL'];
const MIN_SECRET_LENGTH = 6;

function passwordOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The secret values of this process's configuration: keys, tokens, passwords in URLs. */
export function configuredSecrets(env: Env): string[] {
  const values = env as unknown as Record<string, unknown>;
  const secrets = [
    ...SECRET_VARIABLES.map((name) => values[name]),
    ...URL_VARIABLES.map((name) => passwordOf(values[name])),
  ];
  return secrets.filter((value): value is string => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH);
}

/**
 * Replaces every occurrence of a secret in a finished log line, as written and as JSON escapes
 * it (a PEM key's newlines become `\n`). The last lock: key-based redaction misses a secret
 * quoted inside a message.
 */
export function secretScrubber(secrets: readonly string[]): (line: string) => string {
  const forms = [...new Set(secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]))].sort(
    (a, b) => b.length - a.length,
  );
  if (forms.length === 0) return (line) => line;
  return (line) => forms.reduce((out, form) => (out.includes(form) ? out.split(form).join(REDACTED) : out), line);
}
