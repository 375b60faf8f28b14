import { FormEvent } from 'react';
import { AuditView, fromLocalInput, PAGE_SIZES, toLocalInput } from './audit-query';

/** Actions a tenant's trail holds (API.md: `<entity>.<verb>`), offered as suggestions. */
const ACTIONS = [
  'record.create',
  'record.update',
  'record.delete',
  'record.restore',
  'schema.version.apply',
  'schema.retained.purge',
  'import.start',
  'import.end',
  'import.revert',
  'export.start',
  'export.end',
  'tenant.update',
  'tenant.member.add',
  'tenant.member.update',
  'tenant.member.remove',
  'audit.export',
];
const ENTITY_TYPES = ['record', 'schema', 'import', 'export', 'membership', 'tenant', 'audit_chain'];

/** The trail's filters; submitting puts them in the URL (page 1), which reloads the list. */
export function AuditFiltersForm({ view, onApply }: { view: AuditView; onApply(view: AuditView): void }) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    onApply({
      actor: text('actor'),
      action: text('action'),
      entityType: text('entityType'),
      entityId: text('entityId'),
      from: fromLocalInput(text('from')),
      to: fromLocalInput(text('to')),
      ordering: text('ordering') === 'seq' ? 'seq' : '-seq',
      pageSize: Number(text('pageSize')) || PAGE_SIZES[0],
      page: 1,
      entry: '',
    });
  }

  function clear() {
    onApply({ ...view, actor: '', action: '', entityType: '', entityId: '', from: '', to: '', page: 1, entry: '' });
  }

  // keyed by the view, so the inputs show the URL's filters after back/forward and "Clear"
  return (
    <form key={JSON.stringify(view)} className="audit-filters" aria-labelledby="audit-filters-title" onSubmit={submit}>
      <h2 id="audit-filters-title">Filters</h2>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="audit-actor">Actor (email or user id)</label>
          <input id="audit-actor" name="actor" defaultValue={view.actor} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <input id="audit-action" name="action" list="audit-actions" defaultValue={view.action} autoComplete="off" />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="audit-entity-type">Entity type</label>
          <input
            id="audit-entity-type"
            name="entityType"
            list="audit-entity-types"
            defaultValue={view.entityType}
            autoComplete="off"
          />
          <datalist id="audit-entity-types">
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="audit-entity-id">Entity id</label>
          <input id="audit-entity-id" name="entityId" defaultValue={view.entityId} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From (at or after)</label>
          <input id="audit-from" name="from" type="datetime-local" defaultValue={toLocalInput(view.from)} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To (before)</label>
          <input id="audit-to" name="to" type="datetime-local" defaultValue={toLocalInput(view.to)} />
        </div>
        <div className="field">
          <label htmlFor="audit-ordering">Order</label>
          <select id="audit-ordering" name="ordering" defaultValue={view.ordering}>
            <option value="-seq">Newest first</option>
            <option value="seq">Oldest first (chain order)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-page-size">Entries per page</label>
          <select id="audit-page-size" name="pageSize" defaultValue={String(view.pageSize)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint">Actor, action and entity match exactly (the email in any case). Times are your local time.</p>
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <button type="button" className="secondary" onClick={clear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
