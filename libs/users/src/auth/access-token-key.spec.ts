import { sign, verify } from 'jsonwebtoken';
import { accessTokenKey } from './access-token-key';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const ROUNDS = 300;

function timeVerifications(token: string, key: Parameters<typeof verify>[1]): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i += 1) verify(token, key, { algorithms: ['HS256'] });
  return Number(process.hrtime.bigint() - start);
}

describe('accessTokenKey', () => {
  const token = sign({ sub: 'u1', typ: 'access' }, SECRET, { algorithm: 'HS256' });

  it('verifies what the string secret signed, and refuses another secret', () => {
    expect(verify(token, accessTokenKey(SECRET), { algorithms: ['HS256'] })).toMatchObject({ sub: 'u1' });
    expect(() => verify(token, accessTokenKey(`${SECRET}x`), { algorithms: ['HS256'] })).toThrow('invalid signature');
  });

  it('spares verify the failed PEM parse a string secret costs on every call', () => {
    timeVerifications(token, SECRET); // warm-up
    timeVerifications(token, accessTokenKey(SECRET));
    const withString = timeVerifications(token, SECRET);
    const withKey = timeVerifications(token, accessTokenKey(SECRET));
    // The parse attempt alone costs several times a whole HMAC verification.
    expect(withKey * 3).toBeLessThan(withString);
  });
});
