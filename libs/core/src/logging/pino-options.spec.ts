import { Writable } from 'node:stream';
import pino from 'pino';
import { loadEnv } from '../config/load-env';
import { censorSecretKeys, REDACTED } from './log-redaction';
import { pinoHttpOptions } from './pino-options';

function loggerWritingTo(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return pino(pinoHttpOptions(loadEnv({ LOG_LEVEL: 'info' }), sink) as pino.LoggerOptions, sink);
}

describe('key-based log redaction', () => {
  it('censors secret keys on the first four levels, in bindings and serialized errors', () => {
    const lines: string[] = [];
    const log = loggerWritingTo(lines).child({ requestId: 'r1', token: 'child-token' });
    log.info(
      {
        password: 'p0',
        body: { user: { refreshToken: 'r2', profile: { secret: 's3', deeper: { secret: 'kept: fifth level' } } } },
        list: [{ authorization: 'Bearer a' }],
        err: Object.assign(new Error('boom'), { passwordHash: 'h' }),
      },
      'done',
    );
    const line = JSON.parse(lines[0]) as Record<string, any>;
    expect(line.token).toBe(REDACTED);
    expect(line.password).toBe(REDACTED);
    expect(line.body.user.refreshToken).toBe(REDACTED);
    expect(line.body.user.profile.secret).toBe(REDACTED);
    expect(line.body.user.profile.deeper.secret).toBe('kept: fifth level');
    expect(line.list[0].authorization).toBe(REDACTED);
    expect(line.err.passwordHash).toBe(REDACTED);
    expect(line.requestId).toBe('r1');
  });

  it('leaves the logged objects themselves untouched', () => {
    const body = { user: { password: 'p' }, other: { n: 1 } };
    const censored = censorSecretKeys({ body });
    expect(censored.body.user.password).toBe(REDACTED);
    expect(body.user.password).toBe('p');
    expect(censored.body.other).toBe(body.other);
  });
});

describe('request logging', () => {
  const ignore = (
    pinoHttpOptions(loadEnv({ LOG_LEVEL: 'info' }), process.stdout).autoLogging as {
      ignore: (req: object) => boolean;
    }
  ).ignore;

  it('leaves out probes and scrapes as the Nest middleware sees them (the mounted path stripped from url)', () => {
    expect(ignore({ url: '/', originalUrl: '/health' })).toBe(true);
    expect(ignore({ url: '/', originalUrl: '/metrics?x=1' })).toBe(true);
    expect(ignore({ url: '/health' })).toBe(true);
  });

  it('logs every other request', () => {
    expect(ignore({ url: '/', originalUrl: '/api/users' })).toBe(false);
    expect(ignore({ url: '/', originalUrl: '/healthz' })).toBe(false);
    expect(ignore({ url: '/', originalUrl: '/health/ready' })).toBe(false);
  });
});
