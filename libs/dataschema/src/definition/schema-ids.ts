import { randomBytes } from 'node:crypto';

export type IdKind = 't' | 'c' | 'i';

/** Server-given ids: a kind letter, `_`, then 6 to 24 base36 characters; safe inside any derived name. */
export const ID_PATTERN = /^[tci]_[0-9a-z]{6,24}$/;

const ID_LENGTH = 12;

/** A new random id, e.g. `c_k3j9x2m0a7qz` (12 base36 characters, about 62 bits). */
export function newId(kind: IdKind): string {
  const bytes = randomBytes(ID_LENGTH);
  let body = '';
  for (const byte of bytes) body += (byte % 36).toString(36);
  return `${kind}_${body}`;
}

export const isIdOfKind = (value: unknown, kind: IdKind): value is string =>
  typeof value === 'string' && ID_PATTERN.test(value) && value.startsWith(`${kind}_`);
