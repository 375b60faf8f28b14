import { accessTokenClaims, isAccessTokenClaims } from './access-token';

describe('access token claims', () => {
  it('carry sub, email and typ access', () => {
    expect(accessTokenClaims({ id: 'u1', email: 'a@b.c' })).toEqual({ sub: 'u1', email: 'a@b.c', typ: 'access' });
  });

  it('are recognised only with typ access and string sub and email', () => {
    expect(isAccessTokenClaims({ sub: 'u1', email: 'a@b.c', typ: 'access', exp: 1 })).toBe(true);
    expect(isAccessTokenClaims({ sub: 'u1', email: 'a@b.c', typ: 'refresh' })).toBe(false);
    expect(isAccessTokenClaims({ sub: 'u1', email: 'a@b.c' })).toBe(false);
    expect(isAccessTokenClaims({ sub: 1, email: 'a@b.c', typ: 'access' })).toBe(false);
    expect(isAccessTokenClaims(null)).toBe(false);
    expect(isAccessTokenClaims('token')).toBe(false);
  });
});
