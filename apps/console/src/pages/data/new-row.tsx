import { useId, useState } from 'react';
import { describeError, fieldErrors } from '../../api/api-error';
import type { TenantRecord } from '../../api/records';
import { CellEditor, CellError } from './cell-editor';
import { parseInput } from './cell-values';
import { GridSlot, NEW_ROW_HEIGHT } from './grid-layout';
import { createRecord } from './records-api';
import { GridColumn } from './table-columns';

/**
 * The row being created, pinned under the header: an input per visible column the API lets a
 * record set, Save and Cancel in the action columns. The API's per-field errors show under their
 * cells; errors about columns the picker hides (a required one, say) show under the first cell.
 */
export function NewRow({
  tenant,
  table,
  slots,
  template,
  allColumns,
  onCreated,
  onCancel,
}: {
  tenant: string;
  table: string;
  slots: readonly GridSlot[];
  template: string;
  allColumns: readonly GridColumn[];
  onCreated(record: TenantRecord): void;
  onCancel(): void;
}) {
  const baseId = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const shown = new Set(slots.flatMap((slot) => (slot.kind === 'data' ? [slot.column.name] : [])));
  const first = slots.find((slot) => slot.kind === 'data' && !slot.column.system);

  async function save() {
    const body: TenantRecord = {};
    const local: Record<string, string> = {};
    for (const slot of slots) {
      if (slot.kind !== 'data' || slot.column.system) continue;
      const text = values[slot.column.name] ?? '';
      if (text === '') continue;
      const parsed = parseInput(slot.column, text);
      if (parsed.ok) body[slot.column.name] = parsed.value;
      else local[slot.column.name] = parsed.message;
    }
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setOther([]);
      return;
    }
    setSaving(true);
    const result = await createRecord(tenant, table, body);
    setSaving(false);
    if (result.data) {
      onCreated(result.data);
      return;
    }
    const byField = fieldErrors(result.error);
    setErrors(byField);
    const hidden = Object.entries(byField)
      .filter(([field]) => !shown.has(field))
      .map(([field, message]) => {
        const column = allColumns.find((c) => c.name === field);
        return column ? `${field} ${message} (a hidden column: show it with Columns)` : `${field}: ${message}`;
      });
    setOther(Object.keys(byField).length === 0 ? [describeError(result.error)] : hidden);
  }

  const errorId = (name: string) => `${baseId}-${name}-error`;
  return (
    <div
      role="row"
      aria-rowindex={2}
      aria-label="New row"
      className="grid-row new-row"
      style={{ gridTemplateColumns: template, height: NEW_ROW_HEIGHT }}
    >
      {slots.map((slot, index) => {
        if (slot.kind === 'history')
          return (
            <div role="gridcell" key="save" aria-colindex={index + 1} className="grid-cell">
              <button type="button" disabled={saving} onClick={() => void save()}>
                {saving ? 'Saving…' : 'Save row'}
              </button>
            </div>
          );
        if (slot.kind === 'delete')
          return (
            <div role="gridcell" key="cancel" aria-colindex={index + 1} className="grid-cell">
              <button type="button" className="secondary" onClick={onCancel}>
                Cancel
              </button>
            </div>
          );
        const { column } = slot;
        if (column.system)
          return (
            <div role="gridcell" key={column.name} aria-colindex={index + 1} className="grid-cell muted">
              {column.name === 'id' ? <strong>New row</strong> : 'set by the server'}
              {column.name === 'id' && other.length > 0 && (
                <CellError id={errorId('row')} message={other.join('; ')} hint={false} />
              )}
            </div>
          );
        const error = errors[column.name];
        return (
          <div
            role="gridcell"
            key={column.name}
            aria-colindex={index + 1}
            className={`grid-cell editing${error ? ' invalid' : ''}`}
          >
            <CellEditor
              column={column}
              label={`New row: ${column.name}`}
              value={values[column.name] ?? ''}
              error={error}
              errorId={errorId(column.name)}
              autoFocus={slot === first}
              disabled={saving}
              onChange={(value) => setValues((current) => ({ ...current, [column.name]: value }))}
              onCommit={() => void save()}
              onCancel={onCancel}
            />
            {error && <CellError id={errorId(column.name)} message={error} />}
          </div>
        );
      })}
    </div>
  );
}
