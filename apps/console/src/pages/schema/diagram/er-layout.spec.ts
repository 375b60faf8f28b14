/// <reference types="jest" />
import { SchemaDefinition } from '../definition';
import { BOX, boxHeight, layoutTables } from './er-layout';
import { referencesOf } from './references';

const crm: SchemaDefinition = {
  tables: [
    { name: 'deals', columns: [{ name: 'contact', type: 'reference', references: 'contacts' }] },
    { name: 'companies', columns: [{ name: 'name', type: 'string' }] },
    {
      name: 'contacts',
      columns: [
        { name: 'email', type: 'email' },
        { name: 'company', type: 'reference', references: 'companies' },
        { name: 'manager', type: 'reference', references: 'contacts' },
      ],
    },
  ],
};

const overlap = (a: { x: number; y: number; h: number }, b: { x: number; y: number; h: number }) =>
  a.x < b.x + BOX.width && b.x < a.x + BOX.width && a.y < b.y + b.h && b.y < a.y + a.h;

describe('the ER layout', () => {
  it('lists every reference as an edge from its column row to the referenced table', () => {
    expect(referencesOf(crm)).toEqual([
      { id: 'deals.contact', from: 'deals', column: 'contact', row: 1, to: 'contacts' },
      { id: 'contacts.company', from: 'contacts', column: 'company', row: 2, to: 'companies' },
      { id: 'contacts.manager', from: 'contacts', column: 'manager', row: 3, to: 'contacts' },
    ]);
  });

  it('places referencing tables left of the tables they reference, without overlaps', () => {
    const placed = layoutTables(crm);
    const at = Object.fromEntries(placed.map((p) => [p.table.name, { x: p.x, y: p.y, h: boxHeight(p.table) }]));
    expect(at.deals.x).toBeLessThan(at.contacts.x);
    expect(at.contacts.x).toBeLessThan(at.companies.x);
    const boxes = Object.values(at);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
  });

  it('sizes a box by its rows: header, primary key, columns', () => {
    expect(boxHeight(crm.tables[2])).toBe(BOX.header + 4 * BOX.row + BOX.padding);
  });
});
