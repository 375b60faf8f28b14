import { adminUsername } from './admin-username';
import { USERNAME_PATTERN } from './dto/user-fields';

describe('adminUsername', () => {
  it('uses the local part of the email', () => {
    expect(adminUsername('superadmin@strata.test')).toBe('superadmin');
    expect(adminUsername('ops.team-1@example.com')).toBe('ops.team-1');
  });

  it('drops characters a username may not have and falls back to admin when too short', () => {
    expect(adminUsername('a+b@example.com')).toBe('admin');
    expect(adminUsername('jo+ops@example.com')).toBe('joops');
    expect(adminUsername('x@example.com')).toBe('admin');
  });

  it('always gives a valid username', () => {
    for (const email of ['ü@x.de', `${'a'.repeat(150)}@x.de`, '"quoted"@x.de']) {
      const name = adminUsername(email);
      expect(name).toMatch(USERNAME_PATTERN);
      expect(name.length).toBeGreaterThanOrEqual(3);
      expect(name.length).toBeLessThanOrEqual(100);
    }
  });
});
