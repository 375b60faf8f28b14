import { FormEvent, ReactNode, useState } from 'react';
import { ErrorMessage } from '../../components/error-message';
import { Loading } from '../../components/loading';
import { ChangeError } from './change-error';
import { InputField } from './form-controls';
import { PlanReview } from './plan-review';
import { ProblemSummary } from './problem-summary';
import { PlannedChange } from './use-planned-change';

/**
 * A schema change as a form in two steps: "Review" plans it (nothing changes; the fields lock and
 * the plan appears), then "Apply" makes the version, or "Change the form" goes back. The server's
 * problems show above the form and next to their fields.
 */
export function ChangeForm({
  label,
  planner,
  reviewLabel,
  applyLabel,
  onReview,
  onApply,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  planner: PlannedChange;
  reviewLabel: string;
  applyLabel: string;
  onReview(): Promise<void>;
  /** `message`: the optional "why" the user typed, stored with the version. */
  onApply(message: string | undefined): Promise<void>;
  children: ReactNode;
}) {
  const [localError, setLocalError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const editing = planner.step === 'editing';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLocalError(null);
    try {
      await onReview();
    } catch (error) {
      setLocalError(error);
    }
  }

  return (
    <>
      <ProblemSummary problems={planner.problems} />
      <ChangeError error={planner.error} />
      {localError !== null && <ErrorMessage error={localError} title="The change was not planned" />}
      <form className="form change-form" aria-label={label} onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="plain" disabled={!editing}>
          {children}
          <InputField
            label="Why (optional, kept with the version)"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            error={planner.fieldProblems.message}
          />
          <div className="actions">
            <button type="submit">{planner.step === 'planning' ? 'Planning…' : reviewLabel}</button>
          </div>
        </fieldset>
      </form>
      {planner.step === 'planning' && <Loading label="Planning the change with the server" />}
      {planner.plan && (
        <PlanReview
          plan={planner.plan}
          step={planner.step}
          applyLabel={applyLabel}
          onApply={() => void onApply(message.trim() || undefined)}
          onEdit={planner.edit}
        />
      )}
    </>
  );
}
