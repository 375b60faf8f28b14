import Result from 'pg/lib/result';
import { types } from 'pg';
import { RowsResult } from './pg-rows';

type Field = { name: string; dataTypeID: number; format?: string };

/** The rows pg's own Result and RowsResult build from the same description and data rows. */
function bothRows(fields: Field[], rows: Array<Array<string | null>>, clientTypes?: unknown) {
  return [new Result(undefined, clientTypes), new RowsResult(undefined, clientTypes)].map((result) => {
    result._types ??= clientTypes as Result['_types'];
    result.addFields(fields);
    return rows.map((row) => result.parseRow(row) as Record<string, unknown>);
  });
}

const shape = (row: Record<string, unknown>) => ({
  json: JSON.stringify(row),
  keys: Object.keys(row),
  prototype: Object.getPrototypeOf(row) as unknown,
  proto: Object.getOwnPropertyDescriptor(row, '__proto__'),
});

describe('RowsResult', () => {
  it('builds the rows pg builds: names, order, parsed values, nulls', () => {
    const fields = [
      { name: 'id', dataTypeID: 2950, format: 'text' },
      { name: 'n', dataTypeID: 23, format: 'text' },
      { name: 'big', dataTypeID: 20 },
      { name: 'ok', dataTypeID: 16, format: 'text' },
      { name: 'doc', dataTypeID: 3802, format: 'text' },
      { name: 'tags', dataTypeID: 1009, format: 'text' },
    ];
    const data = [
      ['0190a0a0-0000-7000-8000-0000000000aa', '7', '9007199254740993', 't', '{"a":[1,2]}', '{x,"y z"}'],
      [null, null, null, null, null, null],
    ];
    const [pg, ours] = bothRows(fields, data);
    expect(ours).toEqual(pg);
    expect(ours.map(shape)).toEqual(pg.map(shape));
  });

  it('keeps odd column names as pg does: __proto__ an own column, repeated names once, in first place', () => {
    const fields = [
      { name: '__proto__', dataTypeID: 23 },
      { name: 'x', dataTypeID: 23 },
      { name: 'constructor', dataTypeID: 16 },
      { name: 'x', dataTypeID: 25 },
      { name: 'hasOwnProperty', dataTypeID: 25 },
    ];
    const [pg, ours] = bothRows(fields, [['1', '2', 't', 'three', 'h']]);
    expect(ours.map(shape)).toEqual(pg.map(shape));
    expect(Object.getPrototypeOf(ours[0])).toBe(Object.prototype);
    expect(ours[0]).toEqual(expect.objectContaining({ x: 'three', constructor: true }));
  });

  it("uses the client's type parsers when it has its own", () => {
    const clientTypes = {
      getTypeParser: (oid: number, format: 'text') =>
        oid === 23 ? (value: string) => `int:${value}` : types.getTypeParser(oid, format),
    };
    const [pg, ours] = bothRows(
      [
        { name: 'a', dataTypeID: 23 },
        { name: 'b', dataTypeID: 16 },
      ],
      [['5', 'f']],
      clientTypes,
    );
    expect(ours).toEqual([{ a: 'int:5', b: false }]);
    expect(ours).toEqual(pg);
  });
});
