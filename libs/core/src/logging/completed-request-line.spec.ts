import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { loadEnv } from '../config/load-env';
import { completedRequestFields, writeInfoFields } from './completed-request-line';
import { censorTopLevel, pinoHttpOptions } from './pino-options';
import { SeededRandom } from '../../../../test/utils/seeded-random';

const SECRETS = {
  JWT_SECRET: 'jwt-secret-with-"quotes"-and-\\backslash',
  ADMIN_PASSWORD: 'admin pass/word?&=',
  METRICS_TOKEN: 'metrics-token-0123',
  AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  DATABASE_URL: 'postgres://strata:db-pa%22ss@127.0.0.1:5432/strata',
};
const CONFIGURED = [
  SECRETS.JWT_SECRET,
  SECRETS.ADMIN_PASSWORD,
  SECRETS.METRICS_TOKEN,
  SECRETS.AUDIT_SIGNING_KEY,
  'db-pa"ss',
];

/** The secrets as a line could hold them: as written, and as JSON escapes them. */
const FORMS = CONFIGURED.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);

/** Pieces of hostile URLs and ids: every configured secret as written and as JSON escapes it, quotes, escapes. */
const FRAGMENTS = [
  ...CONFIGURED,
  ...CONFIGURED.map((secret) => JSON.stringify(secret).slice(1, -1)),
  ...CONFIGURED.map((secret) => encodeURIComponent(secret)),
  '/api/tenants/acme/tables/orders/records/',
  '8d1c6d4e-3b0a-4f62-9d6e-2f0f5c3a9b11',
  '?filter=',
  '&password=hunter2',
  '"password":"p0"',
  '","requestId":"forged',
  '"}',
  '\\',
  '\\"',
  '\\n',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  'é',
  '😀',
  '\ud83d',
  '\ude00',
  '%22',
  '%00',
  '[Redacted]',
  'x'.repeat(120),
  ' ',
  '',
];

/** A small deterministic generator, so a failure names the input that made it. */
function generator(seed: number) {
  const random = new SeededRandom(seed);
  const next = () => random.next();
  const pick = <T>(values: readonly T[]) => random.pick(values);
  const text = (max: number) => Array.from({ length: Math.floor(next() * max) }, () => pick(FRAGMENTS)).join('');
  return { next, pick, text };
}

type Raw = IncomingMessage & { id?: unknown; originalUrl?: unknown };

function linesOf(logger: Logger, lines: string[]) {
  return (write: () => void) => {
    const from = lines.length;
    write();
    return lines.slice(from);
  };
}

describe('the completed request line written from precompiled fields', () => {
  const lines: string[] = [];
  const sink = { write: (line: string) => lines.push(line) };
  const env = loadEnv({ LOG_LEVEL: 'info', ...SECRETS });
  const root = pinoHttp({ ...pinoHttpOptions(env, sink), timestamp: () => ',"time":1764354000000' }).logger;
  const captured = linesOf(root, lines);

  it('writes, for thousands of generated requests, exactly the line pino wrote, secrets scrubbed', () => {
    const { next, pick, text } = generator(20261128);
    let fast = 0;
    for (let i = 0; i < 5000; i++) {
      const requestId = next() < 0.8 ? pick(['r-1', '8d1c6d4e-3b0a-4f62-9d6e-2f0f5c3a9b11']) : text(3);
      const logger = next() < 0.3 ? root.child({ requestId }) : root;
      const bound = logger !== root;
      const req = {
        id: next() < 0.9 ? requestId || 'r-2' : pick([undefined, '', 7]),
        method: pick(['GET', 'HEAD', 'POST', 'PROPFIND', text(2)]),
        url: next() < 0.95 ? text(8) : undefined,
        ...(next() < 0.1 ? { originalUrl: pick([text(4), '', undefined]) } : {}),
        headers: { authorization: `Bearer ${SECRETS.JWT_SECRET}` },
      } as unknown as Raw;
      const res = {
        headersSent: next() < 0.9,
        statusCode: pick([200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 422, 429, 499]),
        getHeaders: () => ({ 'set-cookie': 'token=t' }),
      } as unknown as ServerResponse;
      const responseTime = Math.floor(next() * 5000);
      const object = { ...(bound ? {} : { requestId }), req, res, responseTime };

      const expected = captured(() => logger.info(object, 'request completed'));
      const fields = completedRequestFields(bound ? undefined : requestId, req, res, responseTime);
      if (fields === undefined) continue;
      const written = captured(() => {
        expect(writeInfoFields(logger, censorTopLevel, fields, 'request completed')).toBe(true);
      });
      fast++;
      if (written.join('') !== expected.join('')) expect({ i, written }).toEqual({ i, written: expected });
      const leaked = FORMS.filter((form) => written[0].includes(form));
      if (leaked.length > 0) expect({ i, leaked }).toEqual({ i, leaked: [] });
    }
    // Most requests take the precompiled path; the odd ones go through pino.
    expect(fast).toBeGreaterThan(3500);
  });

  it('leaves to pino what it does not reproduce: a request of another shape, a logger of other options', () => {
    const res = { headersSent: true, statusCode: 200 };
    const req = (fields: object) => ({ method: 'GET', url: '/api/x', id: 'r-1', ...fields }) as unknown as Raw;
    expect(completedRequestFields('r-1', req({ id: undefined }), res, 1)).toBeUndefined();
    expect(completedRequestFields('r-1', req({ url: { path: '/api/x' } }), res, 1)).toBeUndefined();
    expect(completedRequestFields('r-\ud800', req({}), res, 1)).toBeUndefined();
    expect(completedRequestFields('r-1', req({}), res, 1.5)).toBeUndefined();
    expect(completedRequestFields('r-1', req({}), res, 1)).toBeDefined();

    const fields = completedRequestFields('r-1', req({}), res, 1)!;
    expect(writeInfoFields(root, () => ({}), fields, 'request completed')).toBe(false);
    const mixed = pinoHttp({ ...pinoHttpOptions(env, sink), mixin: () => ({ extra: 1 }) }).logger;
    expect(writeInfoFields(mixed, censorTopLevel, fields, 'request completed')).toBe(false);
    const quiet = pinoHttp(pinoHttpOptions(loadEnv({ LOG_LEVEL: 'warn' }), sink)).logger;
    expect(captured(() => writeInfoFields(quiet, censorTopLevel, fields, 'request completed'))).toEqual([]);
  });
});
