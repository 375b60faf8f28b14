import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ListQueryDto } from './list-query.dto';

function errorsOf(query: Record<string, string>): Record<string, string[]> {
  const dto = plainToInstance(ListQueryDto, query);
  return Object.fromEntries(validateSync(dto).map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

describe('ListQueryDto page and pageSize', () => {
  it('takes decimal digits as numbers and keeps the defaults when absent', () => {
    expect({ ...plainToInstance(ListQueryDto, { page: '3', pageSize: '50' }) }).toEqual({ page: 3, pageSize: 50 });
    expect({ ...plainToInstance(ListQueryDto, {}) }).toEqual({ page: 1, pageSize: 20 });
    expect(errorsOf({ page: '2', pageSize: '1000' })).toEqual({});
  });

  it.each(['abc', '1.5', '0', '-1', '1001', '1e2', ' 5', '', '0x10'])(
    'refuses pageSize=%j with one message',
    (value) => {
      expect(errorsOf({ pageSize: value })).toEqual({ pageSize: ['must be a whole number from 1 to 1000'] });
    },
  );

  it('refuses a page that is not a whole number from 1', () => {
    expect(errorsOf({ page: 'first' })).toEqual({ page: ['must be a whole number from 1 to 2147483647'] });
  });
});
