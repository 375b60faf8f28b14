import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { DEV_ADMIN_PASSWORD, DEV_JWT_SECRET, Env, EnvSchema } from './env.schema';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.map((e) => {
    const messages = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(`${e.property} `) ? m.slice(e.property.length + 1) : m,
    );
    return `${e.property} ${messages.join(', ')}`;
  });
}

function productionProblems(env: EnvSchema): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (env.JWT_SECRET === DEV_JWT_SECRET) problems.push('JWT_SECRET must be set in production (the default is refused)');
  if (env.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD)
    problems.push('ADMIN_PASSWORD must be set in production (the default is refused)');
  if (!env.AUDIT_SIGNING_KEY) problems.push('AUDIT_SIGNING_KEY must be set in production');
  return problems;
}

/** Reads and checks the environment; every problem is reported together in one line. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(
    Object.keys(new EnvSchema())
      .concat([
        'MAIL_URL',
        'METRICS_TOKEN',
        'LOG_FILE',
        'DATABASE_APP_URL',
        'AUDIT_SIGNING_KEY',
        'AUDIT_TRUSTED_PUBLIC_KEYS',
      ])
      // An empty *_CRON is kept: it disables that job rather than meaning "the default".
      .filter((key) => source[key] !== undefined && (source[key] !== '' || key.endsWith('_CRON')))
      .map((key) => [key, source[key]]),
  );
  const env = plainToInstance(EnvSchema, present, {
    exposeDefaultValues: true,
  });
  const problems = [...describe(validateSync(env, { stopAtFirstError: true })), ...productionProblems(env)];
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return Object.freeze(env);
}
