import { Graph, layout } from '@dagrejs/dagre';
import { SchemaDefinition, TableDefinition } from '../definition';
import { referencesOf } from './references';

/** Box geometry, in pixels; the node component draws with the same numbers. */
export const BOX = { width: 260, header: 36, row: 26, padding: 8 } as const;

/** The rows a box shows: the primary key, then the definition's columns. */
export const boxRows = (table: TableDefinition) => 1 + table.columns.length;
export const boxHeight = (table: TableDefinition) => BOX.header + boxRows(table) * BOX.row + BOX.padding;
/** The vertical middle of row `index` (0 is the primary key), from the box's top. */
export const rowMiddle = (index: number) => BOX.header + index * BOX.row + BOX.row / 2;

export interface PlacedTable {
  table: TableDefinition;
  /** Top-left corner. */
  x: number;
  y: number;
}

/**
 * Places the tables left to right along their references (dagre's layered layout): a table sits
 * left of the tables it references, so edges mostly run one way and rarely cross.
 */
export function layoutTables(definition: SchemaDefinition): PlacedTable[] {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 120, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const table of definition.tables) {
    graph.setNode(table.name, { width: BOX.width, height: boxHeight(table) });
  }
  for (const reference of referencesOf(definition)) {
    if (reference.from !== reference.to) graph.setEdge(reference.from, reference.to, {}, reference.id);
  }
  layout(graph);
  return definition.tables.map((table) => {
    const node = graph.node(table.name) as { x: number; y: number };
    // dagre gives the centre; the diagram places boxes by their top-left corner.
    return { table, x: node.x - BOX.width / 2, y: node.y - boxHeight(table) / 2 };
  });
}
