import { generateKeyPairSync, randomBytes } from 'node:crypto';

export interface BenchServer {
  port: number;
  databaseUrl: string;
  admin: { email: string; password: string };
  queuePrefix: string;
  fileStore: string;
}

/**
 * The environment of a built API or worker started by a bench: production settings with fresh
 * secrets, the API without its embedded worker, info logs.
 */
export function productionLikeEnv(server: BenchServer): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(server.port),
    DATABASE_URL: server.databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: server.admin.email,
    ADMIN_PASSWORD: server.admin.password,
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    QUEUE_PREFIX: server.queuePrefix,
    WORKER_EMBEDDED: 'false',
    LOG_LEVEL: 'info',
    FILE_STORE_DIR: server.fileStore,
  };
}
