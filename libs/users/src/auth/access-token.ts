/** The claims of an access token (JWT, HS256). */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  typ: 'access';
}

export const accessTokenClaims = (user: { id: string; email: string }): AccessTokenClaims => ({
  sub: user.id,
  email: user.email,
  typ: 'access',
});

/** True when a verified payload has the shape of one of our access tokens. */
export function isAccessTokenClaims(payload: unknown): payload is AccessTokenClaims {
  const claims = payload as Partial<AccessTokenClaims> | null;
  return (
    typeof claims === 'object' &&
    claims !== null &&
    claims.typ === 'access' &&
    typeof claims.sub === 'string' &&
    typeof claims.email === 'string'
  );
}
