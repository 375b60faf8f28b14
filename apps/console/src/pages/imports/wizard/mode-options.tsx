import { useId } from 'react';
import type { TableColumn } from './table-columns';

export interface ImportMode {
  mode: 'insert' | 'upsert';
  upsertKey: string;
  onError: 'abort' | 'skip';
  dryRun: boolean;
}

/** Step 4: insert or upsert (on a unique key), abort or skip on bad rows, and dry run. */
export function ModeOptions({
  columns,
  value,
  onChange,
  errors,
}: {
  columns: TableColumn[];
  value: ImportMode;
  onChange(value: ImportMode): void;
  errors: Record<string, string>;
}) {
  const id = useId();
  const keys = columns.filter((c) => c.unique);
  const set = (patch: Partial<ImportMode>) => onChange({ ...value, ...patch });
  const error = (field: string) =>
    errors[field] && (
      <p className="field-error" id={`${id}-${field}-error`}>
        Error: {errors[field]}
      </p>
    );
  return (
    <section aria-labelledby={`${id}-title`} className="wizard-step">
      <h2 id={`${id}-title`}>4. How to import</h2>
      <fieldset>
        <legend>Mode</legend>
        <label>
          <input type="radio" name="mode" checked={value.mode === 'insert'} onChange={() => set({ mode: 'insert' })} />{' '}
          Insert: every row becomes a new record (a row whose unique value exists already is a bad row)
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={value.mode === 'upsert'}
            disabled={keys.length === 0}
            aria-describedby={keys.length === 0 ? `${id}-no-key` : undefined}
            onChange={() => set({ mode: 'upsert', upsertKey: value.upsertKey || keys[0]?.name || '' })}
          />{' '}
          Upsert: a row whose key matches a record updates it, the others are added
        </label>
        {keys.length === 0 && (
          <p className="hint" id={`${id}-no-key`}>
            Upsert needs a unique column to match on; this table has none.
          </p>
        )}
        {value.mode === 'upsert' && (
          <div className="field">
            <label htmlFor={`${id}-key`}>Key column (unique)</label>
            <select
              id={`${id}-key`}
              value={value.upsertKey}
              onChange={(event) => set({ upsertKey: event.target.value })}
              aria-invalid={errors.upsertKey ? true : undefined}
              aria-describedby={errors.upsertKey ? `${id}-upsertKey-error` : undefined}
            >
              {keys.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
            {error('upsertKey')}
          </div>
        )}
        {error('mode')}
      </fieldset>
      <fieldset>
        <legend>Bad rows</legend>
        <label>
          <input
            type="radio"
            name="onError"
            checked={value.onError === 'skip'}
            onChange={() => set({ onError: 'skip' })}
          />{' '}
          Skip: store the good rows, and report the bad ones
        </label>
        <label>
          <input
            type="radio"
            name="onError"
            checked={value.onError === 'abort'}
            onChange={() => set({ onError: 'abort' })}
          />{' '}
          Abort: if any row is bad, store nothing (and report the bad ones)
        </label>
        {error('onError')}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={value.dryRun} onChange={(event) => set({ dryRun: event.target.checked })} /> Dry
        run: check every row and report, but store nothing
      </label>
      {error('dryRun')}
    </section>
  );
}
