import { PreparedStatementNames, prepared } from './prepared-statement-names';
import { SqlQuery } from './sql';

describe('PreparedStatementNames', () => {
  it('names one text once per scope', () => {
    const names = new PreparedStatementNames('t_');
    const a = names.nameFor('tenant-1:3', 'SELECT 1');
    expect(names.nameFor('tenant-1:3', 'SELECT 1')).toBe(a);
    expect(names.nameFor('tenant-1:4', 'SELECT 1')).not.toBe(a);
    expect(names.nameFor('tenant-1:3', 'SELECT 2')).not.toBe(a);
  });

  it('never gives a name to another text, even after evicting the first', () => {
    const names = new PreparedStatementNames('t_', 2);
    const seen = new Map<string, string>();
    for (let i = 0; i < 20; i++) {
      const text = `SELECT ${i % 5}`;
      const name = names.nameFor('s', text);
      expect(seen.get(name) ?? text).toBe(text);
      seen.set(name, text);
    }
    expect(names.size).toBe(2);
  });

  it('keeps the most recently used names', () => {
    const names = new PreparedStatementNames('t_', 2);
    const a = names.nameFor('s', 'A');
    names.nameFor('s', 'B');
    names.nameFor('s', 'A');
    names.nameFor('s', 'C');
    expect(names.nameFor('s', 'A')).toBe(a);
  });
});

describe('prepared', () => {
  it('keeps the text and values and adds a name', () => {
    const q = prepared('scope', new SqlQuery('SELECT $1', [5]));
    expect(q).toMatchObject({ text: 'SELECT $1', values: [5] });
    expect(q.name).toMatch(/^strata_s/);
    expect(prepared('scope', new SqlQuery('SELECT $1', [6])).name).toBe(q.name);
  });
});
