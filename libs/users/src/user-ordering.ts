import { badRequest, CoreErrorCode } from '@app/core';

/** Fields a user list may be ordered by, mapped to their columns. */
export const USER_ORDERING_FIELDS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  username: 'username',
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  lastLoginAt: 'last_login_at',
} as const;

export type UserOrderingField = keyof typeof USER_ORDERING_FIELDS;

export interface OrderingTerm {
  column: (typeof USER_ORDERING_FIELDS)[UserOrderingField];
  direction: 'ASC' | 'DESC';
}

export const DEFAULT_USER_ORDERING: OrderingTerm[] = [{ column: 'created_at', direction: 'ASC' }];

const isOrderingField = (name: string): name is UserOrderingField => Object.hasOwn(USER_ORDERING_FIELDS, name);

/**
 * Parses `ordering=-createdAt,username` into columns and directions. Unknown fields are a 400
 * naming them; a field named twice counts once (its first mention wins).
 */
export function parseUserOrdering(ordering: string | undefined): OrderingTerm[] {
  const parts = (ordering ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return DEFAULT_USER_ORDERING;
  const unknown = parts.map((part) => part.replace(/^-/, '')).filter((name) => !isOrderingField(name));
  if (unknown.length > 0) {
    const allowed = Object.keys(USER_ORDERING_FIELDS).join(', ');
    throw badRequest(
      CoreErrorCode.VALIDATION_FAILED,
      `Unknown ordering field: ${unknown.join(', ')}`,
      unknown.map((name) => ({ field: 'ordering', message: `unknown field "${name}"; allowed: ${allowed}` })),
    );
  }
  const seen = new Set<string>();
  const terms: OrderingTerm[] = [];
  for (const part of parts) {
    const name = part.replace(/^-/, '') as UserOrderingField;
    if (seen.has(name)) continue;
    seen.add(name);
    terms.push({ column: USER_ORDERING_FIELDS[name], direction: part.startsWith('-') ? 'DESC' : 'ASC' });
  }
  return terms;
}
