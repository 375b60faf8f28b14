import { Handle, Node, NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { Link } from 'react-router';
import { TableDefinition } from '../definition';
import { BOX, rowMiddle } from './er-layout';

export type TableNodeData = { table: TableDefinition; href: string };
export type TableNode = Node<TableNodeData, 'table'>;

/** Short flags said in letters (not colour): PK, FK, NN (required), UQ (unique); explained in the legend. */
function flags(column: TableDefinition['columns'][number]): string {
  return [column.type === 'reference' && 'FK', column.required && 'NN', column.unique && 'UQ']
    .filter(Boolean)
    .join(' ');
}

const shortType = (column: TableDefinition['columns'][number]) =>
  column.type === 'reference' ? `→ ${column.references}` : column.type;

/** A table as a box: its name (a link to the table), then one row per column. */
function TableBox({ data }: NodeProps<TableNode>) {
  const { table, href } = data;
  return (
    <div className="er-table" style={{ width: BOX.width }}>
      <Handle type="target" position={Position.Left} id="pk" style={{ top: rowMiddle(0) }} isConnectable={false} />
      <div className="er-table-name" style={{ height: BOX.header }}>
        <Link to={href} className="nodrag">
          {table.name}
        </Link>
      </div>
      <ul className="er-columns">
        <li style={{ height: BOX.row }}>
          <span className="er-column-name">id</span>
          <span className="er-column-type">uuid</span>
          <span className="er-flags">PK</span>
        </li>
        {table.columns.map((column, i) => (
          <li key={column.id ?? column.name} style={{ height: BOX.row }}>
            <span className="er-column-name">{column.name}</span>
            <span className="er-column-type">{shortType(column)}</span>
            <span className="er-flags">{flags(column)}</span>
            {column.type === 'reference' && (
              <Handle
                type="source"
                position={Position.Right}
                id={`column:${column.name}`}
                style={{ top: rowMiddle(i + 1) }}
                isConnectable={false}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const TableNodeBox = memo(TableBox);
