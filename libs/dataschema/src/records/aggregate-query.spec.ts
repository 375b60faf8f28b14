import { AppException } from '@app/core';
import { compileAggregateQuery, parseAggregateQuery } from './aggregate-query';
import { sampleTable } from './testing/sample-table';

const table = sampleTable();
const compile = (raw: Record<string, unknown>) => compileAggregateQuery(parseAggregateQuery(table, raw));
const detailsOf = (raw: Record<string, unknown>) => {
  try {
    parseAggregateQuery(table, raw);
  } catch (error) {
    return (error as AppException).details;
  }
  throw new Error('expected a 400');
};

describe('aggregates', () => {
  it('groups by columns with every metric keyed <fn>_<column>, under the list filters and search', () => {
    const q = compile({
      groupBy: 'status,born',
      metrics: 'count,sum:qty,avg:price,min:seen_at,max:label',
      'filter[qty][gt]': '1',
      search: 'a',
    });
    expect(q.text).toBe(
      'SELECT t."status" AS "status", (t."born")::text AS "born", count(*)::float8 AS "count", ' +
        'sum(t."qty")::float8 AS "sum_qty", avg(t."price")::float8 AS "avg_price", ' +
        `to_char((min(t."seen_at")) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "min_seen_at", ` +
        'max(t."label") AS "max_label" FROM "tenant_acme"."things" t WHERE t."qty" > $1 AND ' +
        '(t."label" ILIKE $2 OR t."body" ILIKE $3 OR t."email" ILIKE $4 OR t."site" ILIKE $5 OR t."status" ILIKE $6) ' +
        'GROUP BY t."status", t."born" ORDER BY t."status", t."born" LIMIT $7',
    );
    expect(q.values).toEqual([1, ...Array(5).fill('%a%'), 10000]);
  });

  it('counts every matching row when nothing is grouped', () => {
    expect(compile({ qty: '3' }).text).toBe(
      'SELECT count(*)::float8 AS "count" FROM "tenant_acme"."things" t WHERE t."qty" = $1 LIMIT $2',
    );
  });

  it.each([
    [{ groupBy: 'nope' }, 'groupBy', 'unknown column'],
    [{ groupBy: 'meta' }, 'groupBy', 'cannot be grouped'],
    [{ groupBy: 'qty;DROP TABLE x' }, 'groupBy', 'unknown column'],
    [{ metrics: 'sum:label' }, 'metrics', 'does not apply'],
    [{ metrics: 'median:qty' }, 'metrics', 'is not a metric'],
    [{ metrics: 'sum:qty:x' }, 'metrics', 'is not a metric'],
    [{ metrics: 'max:active' }, 'metrics', 'does not apply'],
    [{ metrics: ['count', 'count'] }, 'metrics', 'more than once'],
    [{ 'filter[qty][gt]': 'x' }, 'filter[qty][gt]', 'integer'],
    [{ pageSize: '10' }, 'pageSize', 'unknown column'],
  ])('%j is a 400 naming %s', (raw, field, message) => {
    expect(detailsOf(raw)).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});
