import { Background, Controls, Edge, MarkerType, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { SchemaDefinition } from '../definition';
import { layoutTables } from './er-layout';
import { referencesOf } from './references';
import { TableNode, TableNodeBox } from './table-node';

const nodeTypes = { table: TableNodeBox };

/**
 * The ER diagram (React Flow, laid out by dagre): tables as boxes with their columns, references
 * as arrows from the referencing column to the referenced table's primary key. This module and
 * its libraries are a chunk of their own, loaded only by the diagram page.
 */
export default function ErDiagram({
  definition,
  hrefOf,
}: {
  definition: SchemaDefinition;
  hrefOf(table: string): string;
}) {
  const { nodes, edges } = useMemo(() => {
    const references = referencesOf(definition);
    const nodes: TableNode[] = layoutTables(definition).map(({ table, x, y }) => ({
      id: table.name,
      type: 'table',
      position: { x, y },
      data: { table, href: hrefOf(table.name) },
      ariaLabel: `Table ${table.name}, ${table.columns.length} columns`,
      connectable: false,
    }));
    const edges: Edge[] = references.map((reference) => ({
      id: reference.id,
      source: reference.from,
      sourceHandle: `column:${reference.column}`,
      target: reference.to,
      targetHandle: 'pk',
      type: 'smoothstep',
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: '#1b1f24' },
      ariaLabel: `${reference.from}.${reference.column} references ${reference.to}`,
    }));
    return { nodes, edges };
  }, [definition, hrefOf]);

  return (
    <div className="er-diagram">
      <ReactFlow
        defaultNodes={nodes}
        defaultEdges={edges}
        nodeTypes={nodeTypes}
        nodesConnectable={false}
        fitView
        minZoom={0.2}
        proOptions={{ hideAttribution: false }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
