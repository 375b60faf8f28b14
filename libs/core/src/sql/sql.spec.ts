import { ident, join, qualified, sql } from './sql';
import { identifierProblem, quoteIdent } from './sql-identifier';

describe('sql tag', () => {
  it('turns values into parameters and inlines quoted identifiers', () => {
    const q = sql`SELECT ${ident('email')} FROM ${qualified('tenant_acme', 'customers')} WHERE ${ident('id')} = ${'x'}`;
    expect(q.text).toBe('SELECT "email" FROM "tenant_acme"."customers" WHERE "id" = $1');
    expect(q.values).toEqual(['x']);
  });

  it('renumbers the parameters of nested fragments', () => {
    const where = sql`a = ${1} AND b = ${2}`;
    const q = sql`SELECT ${'first'}, * FROM t WHERE ${where} LIMIT ${3}`;
    expect(q.text).toBe('SELECT $1, * FROM t WHERE a = $2 AND b = $3 LIMIT $4');
    expect(q.values).toEqual(['first', 1, 2, 3]);
  });

  it('joins fragments', () => {
    const q = join([ident('a'), sql`${5}`, ident('b')]);
    expect(q.text).toBe('"a", $1, "b"');
    expect(q.values).toEqual([5]);
  });

  it('never lets a value reach the text', () => {
    const hostile = "x'; DROP TABLE users; --";
    const q = sql`SELECT * FROM t WHERE name = ${hostile}`;
    expect(q.text).not.toContain('DROP');
  });
});

describe('identifiers', () => {
  it.each(['name', 'type', 'status', 'data', 'key', 'level', 'comment', 'a1_b'])('accepts %s', (name) => {
    expect(identifierProblem(name)).toBeUndefined();
  });

  it.each([
    'select',
    'table',
    'user',
    'order',
    '_hidden',
    'pg_thing',
    'Upper',
    '1abc',
    'a-b',
    '',
    'a'.repeat(64),
    'x"; drop',
  ])('refuses %j', (name) => {
    expect(identifierProblem(name)).toBeDefined();
  });

  it('doubles embedded quotes', () => {
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
  });
});
