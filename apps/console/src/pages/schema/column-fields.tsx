import { ColumnDraft, isColumnType, isOnDelete } from './column-draft';
import { COLUMN_TYPES } from './definition';
import { CheckboxField, InputField, SelectField } from './form-controls';

const TYPE_OPTIONS = COLUMN_TYPES.map((type) => ({ value: type, label: type }));
const ON_DELETE_OPTIONS = [
  { value: '', label: 'restrict (default): refuse to delete a referenced row' },
  { value: 'restrict', label: 'restrict: refuse to delete a referenced row' },
  { value: 'cascade', label: 'cascade: delete the referencing rows too' },
  { value: 'setNull', label: 'setNull: empty this column' },
];
const BOOLEAN_DEFAULTS = [
  { value: '', label: 'none' },
  { value: 'true', label: 'true' },
  { value: 'false', label: 'false' },
];

/**
 * The fields of one column; the options shown follow its type. `errors` are the server's, by
 * field name relative to the column (`name`, `maxLength`, ...).
 */
export function ColumnFields({
  draft,
  onChange,
  errors,
  tables,
  disabled,
}: {
  draft: ColumnDraft;
  onChange(draft: ColumnDraft): void;
  errors: Record<string, string>;
  /** Tables a reference may point to. */
  tables: string[];
  disabled?: boolean;
}) {
  const set = <K extends keyof ColumnDraft>(key: K, value: ColumnDraft[K]) => onChange({ ...draft, [key]: value });
  const referenceOptions = [
    { value: '', label: 'choose a table' },
    ...tables.map((name) => ({ value: name, label: name })),
  ];
  return (
    <div className="column-fields">
      <InputField
        label="Column name"
        value={draft.name}
        onChange={(e) => set('name', e.target.value)}
        error={errors.name}
        hint="Lower-case letters, digits and _, starting with a letter."
        autoComplete="off"
        required
        disabled={disabled}
      />
      <SelectField
        label="Type"
        value={draft.type}
        options={TYPE_OPTIONS}
        onChange={(e) => isColumnType(e.target.value) && set('type', e.target.value)}
        error={errors.type}
        disabled={disabled}
      />
      {draft.type === 'string' && (
        <InputField
          label="Maximum length"
          type="number"
          min={1}
          value={draft.maxLength}
          onChange={(e) => set('maxLength', e.target.value)}
          error={errors.maxLength}
          hint="Characters; 255 when left empty."
          disabled={disabled}
        />
      )}
      {draft.type === 'decimal' && (
        <>
          <InputField
            label="Precision"
            type="number"
            min={1}
            value={draft.precision}
            onChange={(e) => set('precision', e.target.value)}
            error={errors.precision}
            hint="Digits in all."
            disabled={disabled}
          />
          <InputField
            label="Scale"
            type="number"
            min={0}
            value={draft.scale}
            onChange={(e) => set('scale', e.target.value)}
            error={errors.scale}
            hint="Digits after the point."
            disabled={disabled}
          />
        </>
      )}
      {draft.type === 'enum' && (
        <InputField
          label="Values"
          value={draft.values}
          onChange={(e) => set('values', e.target.value)}
          error={errors.values}
          hint="Separated by commas, for example: lead, customer."
          disabled={disabled}
        />
      )}
      {draft.type === 'reference' && (
        <>
          <SelectField
            label="References table"
            value={draft.references}
            options={referenceOptions}
            onChange={(e) => set('references', e.target.value)}
            error={errors.references}
            disabled={disabled}
          />
          <SelectField
            label="When the referenced row is deleted"
            value={draft.onDelete}
            options={ON_DELETE_OPTIONS}
            onChange={(e) => set('onDelete', isOnDelete(e.target.value) ? e.target.value : '')}
            error={errors.onDelete}
            disabled={disabled}
          />
        </>
      )}
      {draft.type === 'boolean' ? (
        <SelectField
          label="Default"
          value={draft.defaultText}
          options={BOOLEAN_DEFAULTS}
          onChange={(e) => set('defaultText', e.target.value)}
          error={errors.default}
          disabled={disabled}
        />
      ) : (
        <InputField
          label="Default"
          value={draft.defaultText}
          onChange={(e) => set('defaultText', e.target.value)}
          error={errors.default}
          hint={draft.type === 'json' ? 'JSON, for example {"a": 1}; empty for none.' : 'Empty for none.'}
          disabled={disabled}
        />
      )}
      <div className="checkboxes">
        <CheckboxField
          label="Required (every row has a value)"
          checked={draft.required}
          onChange={(e) => set('required', e.target.checked)}
          error={errors.required}
          disabled={disabled}
        />
        <CheckboxField
          label="Unique (no two rows share a value)"
          checked={draft.unique}
          onChange={(e) => set('unique', e.target.checked)}
          error={errors.unique}
          disabled={disabled}
        />
      </div>
      <InputField
        label="Column description"
        value={draft.description}
        onChange={(e) => set('description', e.target.value)}
        error={errors.description}
        disabled={disabled}
      />
    </div>
  );
}
