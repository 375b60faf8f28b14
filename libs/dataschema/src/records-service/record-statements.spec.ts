import { PreparedStatementNames, prepared, raw, sql } from '@app/core';
import { compileRecordTables } from '../records/record-table';
import { SAMPLE_DEFINITION, sampleTable } from '../records/testing/sample-table';
import { selectById, statementParts } from './record-statements';
import { RecordsRepository } from './records.repository';

const ID = '0190a0a0-0000-7000-8000-0000000000aa';

/** The get by id's statement as it was built per read, from the same parts. */
const builtPerRead = (table: ReturnType<typeof sampleTable>, id: string, lock: boolean) => {
  const { target, output } = statementParts(table);
  return sql`SELECT ${output} FROM ${target} WHERE t."id" = ${id}${raw(lock ? ' FOR UPDATE' : '')}`;
};

describe('selectById', () => {
  afterEach(() => jest.restoreAllMocks());

  it('is the same text with the id as its one value, with and without the row lock', () => {
    const table = sampleTable();
    for (const lock of [false, true]) {
      const q = selectById(table, ID, lock);
      expect(q.text).toBe(builtPerRead(table, ID, lock).text);
      expect(q.values).toEqual([ID]);
      expect(q.name).toBeUndefined();
    }
  });

  it('is prepared under the name its table scope gives that text, made on the first read only', () => {
    const scoped = compileRecordTables('tenant_acme', SAMPLE_DEFINITION, 'tenant-1:7').get('things')!;
    const nameFor = jest.spyOn(PreparedStatementNames.prototype, 'nameFor');
    const first = selectById(scoped, ID, false);
    const second = selectById(scoped, '0190a0a0-0000-7000-8000-0000000000bb', false);
    expect(nameFor).toHaveBeenCalledTimes(1);
    expect(first.name).toBe(prepared('tenant-1:7', builtPerRead(scoped, ID, false)).name);
    expect(second.name).toBe(first.name);
    expect(second.text).toBe(first.text);
    expect(second.values).toEqual(['0190a0a0-0000-7000-8000-0000000000bb']);
    expect(selectById(scoped, ID, true).name).not.toBe(first.name);
  });

  it('is what RecordsRepository.find runs', async () => {
    const scoped = compileRecordTables('tenant_acme', SAMPLE_DEFINITION, 'tenant-1:8').get('things')!;
    const sent: unknown[] = [];
    const runner = {
      query: async (q: unknown) => (sent.push(q), []),
      execute: async () => ({ rows: [], rowCount: 0 }),
    };
    await new RecordsRepository().find(runner, scoped, ID);
    await new RecordsRepository().find(runner, scoped, ID, true);
    expect(sent).toEqual([selectById(scoped, ID, false), selectById(scoped, ID, true)]);
  });
});
