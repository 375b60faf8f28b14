/** The user fields a write may change; `password` is compared by the caller, never by value. */
export interface UserFields {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  address: string;
  isActive: boolean;
}

export const USER_FIELD_NAMES: ReadonlyArray<keyof UserFields> = [
  'username',
  'email',
  'firstName',
  'lastName',
  'phone',
  'address',
  'isActive',
];

export interface UserChanges {
  /** Changed field names; `password` is listed when it changes, but its value never is. */
  changed: string[];
  before: Partial<UserFields>;
  after: Partial<UserFields>;
}

/** What an update changes, for the audit trail: names plus old and new values (no password). */
export function diffUser(current: UserFields, next: Partial<UserFields>, passwordChanged: boolean): UserChanges {
  const changes: UserChanges = { changed: [], before: {}, after: {} };
  for (const field of USER_FIELD_NAMES) {
    const value = next[field];
    if (value === undefined || value === current[field]) continue;
    changes.changed.push(field);
    (changes.before as Record<string, unknown>)[field] = current[field];
    (changes.after as Record<string, unknown>)[field] = value;
  }
  if (passwordChanged) changes.changed.push('password');
  return changes;
}

/** Drops the properties whose value is undefined (DTO fields that were not sent). */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
