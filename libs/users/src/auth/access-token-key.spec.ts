import { sign, verify } from 'jsonwebtoken';
import { accessTokenKey } from './access-token-key';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

describe('accessTokenKey', () => {
  const token = sign({ sub: 'u1', typ: 'access' }, SECRET, { algorithm: 'HS256' });

  it('verifies what the string secret signed, and refuses another secret', () => {
    expect(verify(token, accessTokenKey(SECRET), { algorithms: ['HS256'] })).toMatchObject({ sub: 'u1' });
    expect(() => verify(token, accessTokenKey(`${SECRET}x`), { algorithms: ['HS256'] })).toThrow('invalid signature');
  });
});
