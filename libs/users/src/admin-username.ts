import { USERNAME_PATTERN } from './dto/user-fields';

/** A valid username for the seeded superadmin, from the local part of its email. */
export function adminUsername(email: string): string {
  const local = email
    .split('@')[0]
    .replace(/[^A-Za-z0-9._-]/g, '')
    .slice(0, 100);
  const name = local.length >= 3 ? local : 'admin';
  return USERNAME_PATTERN.test(name) ? name : 'admin';
}
