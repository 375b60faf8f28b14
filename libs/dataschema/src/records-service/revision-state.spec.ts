import { TableDefinition } from '../definition/schema-definition';
import { carryRevisionState } from './revision-state';

const then: TableDefinition = {
  id: 't_1',
  name: 'contacts',
  columns: [
    { id: 'c_1', name: 'first_name', type: 'string' },
    { id: 'c_2', name: 'phone', type: 'string' },
    { id: 'c_3', name: 'email', type: 'email' },
  ],
};

const now: TableDefinition = {
  id: 't_1',
  name: 'people',
  columns: [
    { id: 'c_1', name: 'given_name', type: 'string' },
    { id: 'c_3', name: 'email', type: 'email' },
    { id: 'c_9', name: 'phone', type: 'string' },
  ],
};

describe('carryRevisionState', () => {
  it('follows column ids: renamed columns get the old value, dropped ones are named', () => {
    const state = { id: 'x', created_at: 'y', first_name: 'Ada', phone: '123', email: 'a@b.test' };
    expect(carryRevisionState(state, then, now)).toEqual({
      values: { given_name: 'Ada', email: 'a@b.test' },
      // A new column that took the dropped one's name is another column: its value is not carried.
      droppedColumns: ['phone'],
    });
  });

  it('matches by name when the old table is unknown', () => {
    expect(carryRevisionState({ email: 'a@b.test', gone: 1 }, undefined, now)).toEqual({
      values: { email: 'a@b.test' },
      droppedColumns: ['gone'],
    });
  });
});
