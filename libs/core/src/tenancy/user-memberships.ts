/** A tenant the user belongs to and their role in it, as `GET /auth/me` lists them. */
export interface UserMembership {
  tenantId: string;
  slug: string;
  name: string;
  role: string;
}

/**
 * The memberships of one user, as the users lib needs them for `me`; the tenants lib, which owns
 * tenants and memberships, provides it (the users lib may not read those tables).
 */
export interface UserMemberships {
  /** The user's memberships, in slug order. */
  of(userId: string): Promise<UserMembership[]>;
}

export const USER_MEMBERSHIPS = Symbol('USER_MEMBERSHIPS');
