/**
 * Where the session's tokens live. The access token only in memory (a reload drops it); the
 * refresh token in this tab's sessionStorage, so a reload can get a new pair without asking for
 * the password again. The API rotates refresh tokens: every refresh spends the one it was given
 * and answers a new pair, and reusing a spent one revokes the whole family, so refreshes must
 * never run twice with the same token (see `refreshOnce`).
 */
const REFRESH_KEY = 'strata.console.refreshToken';

let accessToken: string | null = null;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export const tokenStore = {
  accessToken: (): string | null => accessToken,
  refreshToken: (): string | null => sessionStorage.getItem(REFRESH_KEY),
  save(pair: TokenPair): void {
    accessToken = pair.accessToken;
    sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
  },
  clear(): void {
    accessToken = null;
    sessionStorage.removeItem(REFRESH_KEY);
  },
};
