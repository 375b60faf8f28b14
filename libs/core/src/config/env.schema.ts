import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { parseTrustProxy, TRUST_PROXY_MESSAGE, TrustProxy } from './trust-proxy';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** A 5- or 6-field cron expression, or empty / `off` (the job is disabled). */
const CRON_OR_OFF = /^(|off|\S+(\s+\S+){4,5})$/i;
const CRON_MESSAGE = 'must be a cron expression of 5 or 6 fields, or empty or off to disable the job';

export const DEV_JWT_SECRET = 'strata-development-secret-do-not-use-in-production';
export const DEV_ADMIN_PASSWORD = 'change-me-now';

/** Every environment variable the platform reads, with its local default. */
export class EnvSchema {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/strata';

  /**
   * The role the app's queries run as (production: a second role that owns nothing); unset, Strata
   * provisions DATABASE_APP_ROLE itself when DATABASE_URL's role is a superuser.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_APP_URL?: string;

  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case PostgreSQL role name' })
  DATABASE_APP_ROLE = 'strata_app';

  @Transform(toInt)
  @Min(1)
  @IsInt()
  DATABASE_POOL_SIZE = 20;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsString()
  @Matches(/^[a-z0-9_-]+$/i, { message: 'must be letters, digits, _ or -' })
  QUEUE_PREFIX = 'strata';

  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @Transform(toInt)
  @Min(30)
  @IsInt()
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @Min(1)
  @IsInt()
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** How long a process may reuse an authenticated user or tenant access it read (changes end it at once); 0: off. */
  @Transform(toInt)
  @Min(0)
  @IsInt()
  AUTH_CACHE_TTL_SECONDS = 30;

  @IsEmail({}, { message: 'must be a valid email' })
  ADMIN_EMAIL = 'admin@strata.local';

  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  ADMIN_PASSWORD = DEV_ADMIN_PASSWORD;

  @IsString()
  FILE_STORE_DIR = './var/files';

  /** The built web console (`npm run build`), served at /console. */
  @IsString()
  CONSOLE_DIR = './dist/console';

  /** The largest file an import may upload, in bytes (413 beyond it); 1 GiB by default. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  IMPORT_MAX_BYTES = 1073741824;

  /** Ed25519 private key signing audit entries (PKCS#8 PEM or base64 DER); required in production. */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY?: string;

  /** Earlier signing keys' public halves (SPKI PEM blocks) that `verify` still trusts after a rotation. */
  @IsOptional()
  @IsString()
  AUDIT_TRUSTED_PUBLIC_KEYS?: string;

  /**
   * How often each process seals audit entries left unsealed at least this long (their writer
   * died between commit and sealing); entries are normally sealed right after their commit.
   */
  @Transform(toInt)
  @Min(50)
  @IsInt()
  AUDIT_SEAL_SWEEP_MS = 1000;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  MAIL_URL?: string;

  @IsString()
  MAIL_FROM = 'Strata <no-reply@strata.local>';

  @Transform(toBoolean)
  @IsBoolean()
  WORKER_EMBEDDED = true;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsString()
  LOG_FILE?: string;

  @Transform(toInt)
  @Min(1)
  @IsInt()
  LOGIN_RATE_LIMIT = 10;

  @Transform(toInt)
  @Min(1)
  @IsInt()
  LOGIN_RATE_WINDOW_SECONDS = 60;

  /** Failed logins per account from all addresses together in a window: the ceiling on guessing one password. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  LOGIN_ACCOUNT_FAILURE_LIMIT = 100;

  /** Refreshes per client address in a login window. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  REFRESH_RATE_LIMIT = 60;

  /** Password hashes (argon2) computed at once; more wait in a queue. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  PASSWORD_HASH_CONCURRENCY = 4;

  /** Password hashes that may wait for their turn; beyond that the request is a 503 with Retry-After. */
  @Transform(toInt)
  @Min(0)
  @IsInt()
  PASSWORD_HASH_QUEUE_LIMIT = 100;

  @Transform(toInt)
  @Min(1)
  @IsInt()
  JOB_RETENTION_HOURS = 24;

  /** How long a worker's lock on a running job lasts; a job whose worker died runs again after it. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  QUEUE_LOCK_SECONDS = 30;

  /** How often each worker dispatches jobs left in the outbox (committed but never handed to Redis). */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  OUTBOX_SWEEP_INTERVAL_SECONDS = 30;

  /** How long a job may sit in the outbox before the sweeper dispatches it. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  OUTBOX_GRACE_SECONDS = 60;

  /** Whom to believe about X-Forwarded-For: false, a hop count, or proxy addresses / CIDR ranges (see trust-proxy.ts). */
  @Transform(({ value }: { value: unknown }) => parseTrustProxy(value) ?? value)
  @ValidateBy(
    {
      name: 'trustProxy',
      validator: { validate: (value: unknown) => parseTrustProxy(value) !== undefined },
    },
    { message: TRUST_PROXY_MESSAGE },
  )
  TRUST_PROXY: TrustProxy = false;

  @Transform(toInt)
  @Min(1)
  @IsInt()
  TENANT_MIGRATION_CONCURRENCY = 4;

  /** Cron of the daily report mailed to superadmins; empty or `off` disables it. */
  @Matches(CRON_OR_OFF, { message: CRON_MESSAGE })
  DAILY_REPORT_CRON = '0 7 * * *';

  /** Cron of the clean-up that deactivates inactive users (see INACTIVE_USER_DAYS); empty or `off` disables it. */
  @Matches(CRON_OR_OFF, { message: CRON_MESSAGE })
  INACTIVE_USER_CLEANUP_CRON = '30 3 * * *';

  /** Days without a login after which a (non-superadmin) user is deactivated; 0 turns the clean-up off. */
  @Transform(toInt)
  @Min(0)
  @IsInt()
  INACTIVE_USER_DAYS = 0;

  /** Cron of the purge of expired and long-revoked refresh tokens; empty or `off` disables it. */
  @Matches(CRON_OR_OFF, { message: CRON_MESSAGE })
  REFRESH_TOKEN_PURGE_CRON = '15 * * * *';
  /** Tables a tenant's schema definition may hold. */
  @Transform(toInt)
  @Min(1)
  @Max(1000)
  @IsInt()
  SCHEMA_MAX_TABLES = 200;

  /** Columns per table (besides the 5 system columns); keep far below PostgreSQL's 1600, which set-aside columns count against. */
  @Transform(toInt)
  @Min(1)
  @Max(1000)
  @IsInt()
  SCHEMA_MAX_COLUMNS_PER_TABLE = 200;

  /** Indexes per table (unique columns and references get theirs besides). */
  @Transform(toInt)
  @Min(0)
  @Max(200)
  @IsInt()
  SCHEMA_MAX_INDEXES_PER_TABLE = 20;

  /** How long a schema change waits for a lock on a tenant table (after the tenant's own lock) before it gives up. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  SCHEMA_LOCK_TIMEOUT_MS = 5000;

  /** How long one statement of a schema change (a precheck, an index build, a table rewrite) may run. */
  @Transform(toInt)
  @Min(1)
  @IsInt()
  SCHEMA_STATEMENT_TIMEOUT_MS = 120000;

  /** Days a dropped (set-aside) table or column is kept before a later schema change purges it; 0 keeps it until purged by hand. */
  @Transform(toInt)
  @Min(0)
  @IsInt()
  SCHEMA_RETENTION_DAYS = 0;
}

export type Env = Readonly<EnvSchema>;
