/// <reference types="jest" />
import { columnToDraft, defaultValue, draftToColumn, emptyColumnDraft } from './column-draft';

describe('column drafts', () => {
  it('sends only the options of the chosen type, and nothing left empty', () => {
    const draft = {
      ...emptyColumnDraft(),
      name: ' stage ',
      type: 'enum' as const,
      values: 'lead, won,\nlost',
      maxLength: '40',
    };
    expect(draftToColumn(draft)).toEqual({ name: 'stage', type: 'enum', values: ['lead', 'won', 'lost'] });
  });

  it('sends a reference with its table and delete rule, and flags', () => {
    const draft = {
      ...emptyColumnDraft(),
      name: 'company',
      type: 'reference' as const,
      references: 'companies',
      onDelete: 'cascade' as const,
      required: true,
    };
    expect(draftToColumn(draft)).toEqual({
      name: 'company',
      type: 'reference',
      required: true,
      references: 'companies',
      onDelete: 'cascade',
    });
  });

  it('turns typed numbers into numbers, and leaves what is not one for the server to name', () => {
    const string = { ...emptyColumnDraft(), name: 'code', type: 'string' as const, maxLength: '12' };
    expect(draftToColumn(string).maxLength).toBe(12);
    const decimal = { ...emptyColumnDraft(), name: 'amount', type: 'decimal' as const, precision: '12', scale: 'x' };
    expect(draftToColumn(decimal)).toMatchObject({ precision: 12, scale: 'x' });
  });

  it('reads defaults as values of the type', () => {
    expect(defaultValue('integer', '42')).toBe(42);
    expect(defaultValue('integer', 'many')).toBe('many');
    expect(defaultValue('decimal', '10.50')).toBe('10.50');
    expect(defaultValue('boolean', 'false')).toBe(false);
    expect(defaultValue('json', '{"a":1}')).toEqual({ a: 1 });
    expect(defaultValue('string', '007')).toBe('007');
  });

  it('round-trips a stored column, keeping its id', () => {
    const column = {
      id: 'c_amount000001',
      name: 'amount',
      type: 'decimal' as const,
      precision: 12,
      scale: 2,
      default: '0',
      required: true,
      description: 'In euros',
    };
    expect(draftToColumn(columnToDraft(column))).toEqual(column);
  });
});
