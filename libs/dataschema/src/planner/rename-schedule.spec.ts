import { scheduleMoves } from './rename-schedule';

describe('scheduleMoves', () => {
  it('renames into a free name at once', () => {
    expect(scheduleMoves([{ id: 't_aaaaaa', from: 'a', to: 'b', restore: false }], ['a', 'c'])).toEqual([
      { id: 't_aaaaaa', from: 'a', to: 'b', restore: false, transient: false },
    ]);
  });

  it('waits until a name is freed by another move', () => {
    const order = scheduleMoves(
      [
        { id: 't_first1', from: 'a', to: 'b', restore: false },
        { id: 't_second', from: 'b', to: 'c', restore: false },
      ],
      ['a', 'b'],
    );
    expect(order.map((m) => `${m.from}->${m.to}`)).toEqual(['b->c', 'a->b']);
  });

  it('swaps two names through a transient name', () => {
    const order = scheduleMoves(
      [
        { id: 't_first1', from: 'a', to: 'b', restore: false },
        { id: 't_second', from: 'b', to: 'a', restore: false },
      ],
      ['a', 'b'],
    );
    expect(order.map((m) => `${m.from}->${m.to}`)).toEqual(['b->_renaming_t_second', 'a->b', '_renaming_t_second->a']);
  });

  it('restores into a name an item is leaving', () => {
    const order = scheduleMoves(
      [
        { id: 'c_restor', from: '_dropped_c_restor', to: 'email', restore: true },
        { id: 'c_kept01', from: 'email', to: 'email_old', restore: false },
      ],
      ['email'],
    );
    expect(order.map((m) => `${m.from}->${m.to}`)).toEqual(['email->email_old', '_dropped_c_restor->email']);
  });
});
