import { definedOnly, diffUser, UserFields } from './user-changes';

const current: UserFields = {
  username: 'jane',
  email: 'jane@example.com',
  firstName: 'Jane',
  lastName: '',
  phone: '',
  address: '',
  isActive: true,
};

describe('diffUser', () => {
  it('lists only the fields whose value changes, with before and after', () => {
    expect(diffUser(current, { firstName: 'Janet', lastName: '', isActive: false }, false)).toEqual({
      changed: ['firstName', 'isActive'],
      before: { firstName: 'Jane', isActive: true },
      after: { firstName: 'Janet', isActive: false },
    });
  });

  it('names a password change but never carries a value for it', () => {
    const changes = diffUser(current, {}, true);
    expect(changes).toEqual({ changed: ['password'], before: {}, after: {} });
  });

  it('ignores undefined values', () => {
    expect(diffUser(current, { email: undefined }, false).changed).toEqual([]);
  });
});

describe('definedOnly', () => {
  it('drops undefined but keeps null, empty strings and false', () => {
    expect(definedOnly({ a: undefined, b: null, c: '', d: false, e: 1 })).toEqual({ b: null, c: '', d: false, e: 1 });
  });
});
