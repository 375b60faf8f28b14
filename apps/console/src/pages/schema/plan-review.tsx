import { useEffect, useRef } from 'react';
import { Loading } from '../../components/loading';
import { OperationList } from './operation-list';
import { SqlBlock } from './sql-block';
import { ChangeStep, Plan } from './use-planned-change';

/**
 * The planned change, before anything happens: the operations in words, the warnings (drops set
 * data aside, some changes check rows first), and the SQL that applies it and that undoes it.
 */
export function PlanReview({
  plan,
  step,
  applyLabel,
  onApply,
  onEdit,
}: {
  plan: Plan;
  step: ChangeStep;
  applyLabel: string;
  onApply(): void;
  onEdit(): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const applying = step === 'applying';
  const nothing = plan.operations.length === 0;
  return (
    <section className="plan-review" aria-labelledby="plan-title">
      <h2 id="plan-title" ref={heading} tabIndex={-1}>
        Review the planned change
      </h2>
      <p>
        Nothing has changed yet. Applying this makes version {plan.baseVersion + 1} of the schema from version{' '}
        {plan.baseVersion}.
      </p>
      {plan.warnings.length > 0 && (
        <div className="notice notice-warning" role="note" aria-label="Warnings">
          <strong>Warning:</strong>
          <ul>
            {plan.warnings.map((warning, i) => (
              <li key={i}>{warning.message}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>Operations</h3>
      {nothing ? (
        <p>This changes nothing: the form holds what the schema already has.</p>
      ) : (
        <OperationList operations={plan.operations} label="Planned operations" />
      )}
      <div className="sql-pair">
        <SqlBlock title="SQL that applies it (up)" sql={plan.sql.up} />
        <SqlBlock title="SQL that undoes it (down)" sql={plan.sql.down} />
      </div>
      <div className="actions">
        <button type="button" onClick={onApply} disabled={applying || nothing}>
          {applying ? 'Applying…' : applyLabel}
        </button>
        <button type="button" className="secondary" onClick={onEdit} disabled={applying}>
          Change the form
        </button>
      </div>
      {applying && <Loading label="Applying the change: PostgreSQL runs the statements above in one transaction" />}
    </section>
  );
}
