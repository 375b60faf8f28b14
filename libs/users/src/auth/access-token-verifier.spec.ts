import { Env } from '@app/core';
import { JwtService } from '@nestjs/jwt';
import { sign } from 'jsonwebtoken';
import { AccessTokenVerifier } from './access-token-verifier';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const claims = { sub: 'u1', email: 'u1@example.test', typ: 'access' };

describe('AccessTokenVerifier', () => {
  const jwt = new JwtService({ verifyOptions: { algorithms: ['HS256'] } });
  const verifier = () => new AccessTokenVerifier(jwt, { JWT_SECRET: SECRET } as Env);
  const token = (expiresIn: number, secret = SECRET) => sign(claims, secret, { algorithm: 'HS256', expiresIn });

  afterEach(() => jest.useRealTimers());

  it('answers the claims of a valid access token, and of a token of another kind null', () => {
    expect(verifier().verify(token(60))).toMatchObject(claims);
    expect(verifier().verify(sign({ ...claims, typ: 'refresh' }, SECRET, { expiresIn: 60 }))).toBeNull();
  });

  it('refuses a token signed with another secret, or with another algorithm', () => {
    expect(() => verifier().verify(token(60, `${SECRET}x`))).toThrow('invalid signature');
    const none = sign(claims, '', { algorithm: 'none' } as never);
    expect(() => verifier().verify(none)).toThrow();
  });

  it('remembers a verified token without checking its signature again', () => {
    const v = verifier();
    const valid = token(60);
    v.verify(valid);
    const verify = jest.spyOn(jwt, 'verify');
    expect(v.verify(valid)).toMatchObject(claims);
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
  });

  it('stops serving a remembered token at its exp', () => {
    jest.useFakeTimers({ now: Date.now() });
    const v = verifier();
    const shortLived = token(2);
    expect(v.verify(shortLived)).toMatchObject(claims);
    jest.setSystemTime(Date.now() + 3000);
    let refused: unknown;
    try {
      v.verify(shortLived);
    } catch (error) {
      refused = error;
    }
    expect((refused as Error | undefined)?.name).toBe('TokenExpiredError');
  });
});
