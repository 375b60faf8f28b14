import { collectOutput } from '../testing/collect-output';
import { writeErrorReport } from './error-report';

describe('writeErrorReport', () => {
  it('writes the bad rows with their cells and an error column, neutralized', async () => {
    const out = collectOutput();
    await writeErrorReport(
      ['email', 'name'],
      [
        {
          row: 2,
          raw: ['bad', '=cmd'],
          errors: [{ row: 2, column: 'email', value: 'bad', message: 'must be a valid email' }],
        },
        {
          row: 3,
          raw: ['a@x.io', ''],
          errors: [
            { row: 3, column: 'name', value: '', message: 'is required' },
            { row: 3, column: 'email', value: 'a@x.io', message: 'duplicates row 2 of the file' },
          ],
        },
        {
          row: 4,
          raw: ['1', '2', '3'],
          errors: [{ row: 4, column: null, value: null, message: 'The row has 3 cells where the header has 2' }],
        },
      ],
      out.stream,
    );
    expect((await out.bytes).toString().split('\n')).toEqual([
      'email,name,error',
      "bad,'=cmd,email: must be a valid email",
      'a@x.io,,name: is required; email: duplicates row 2 of the file',
      '1,2,The row has 3 cells where the header has 2,3',
    ]);
  });

  it('names its column error_1 when the file already has an error column', async () => {
    const out = collectOutput();
    await writeErrorReport(['error'], [], out.stream);
    expect((await out.bytes).toString()).toBe('error,error_1');
  });
});
