import { describe, expect, it } from '@jest/globals';
import { apiFilters, fromLocalInput, queryOf, toLocalInput, viewOf } from './audit-query';

describe('the audit view in the URL', () => {
  it('reads filters, order and paging, with defaults for what is missing or wrong', () => {
    expect(viewOf(new URLSearchParams('action=record.create&page=3&pageSize=7'))).toEqual({
      actor: '',
      action: 'record.create',
      entityType: '',
      entityId: '',
      from: '',
      to: '',
      ordering: '-seq',
      page: 3,
      pageSize: 20,
      entry: '',
    });
  });

  it('writes only what differs from the defaults, and sends the API only the filters given', () => {
    const view = viewOf(new URLSearchParams('actor=a@b.c&ordering=seq&pageSize=50'));
    expect(queryOf(view).toString()).toBe('actor=a%40b.c&ordering=seq&pageSize=50');
    expect(queryOf({ ...view, page: 1 }).has('page')).toBe(false);
    expect(apiFilters(view)).toEqual({ actor: 'a@b.c' });
  });

  it('turns a local date-time input into an instant and back', () => {
    const iso = fromLocalInput('2026-03-04T05:06');
    expect(new Date(iso).getFullYear()).toBe(2026);
    expect(toLocalInput(iso)).toBe('2026-03-04T05:06');
    expect(fromLocalInput('')).toBe('');
    expect(toLocalInput('not a date')).toBe('');
  });
});
