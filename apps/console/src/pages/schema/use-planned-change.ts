import { useCallback, useState } from 'react';
import { fieldErrors, isApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { problemsFor, ProposedChange } from './change-edits';
import { Operation, readOperations } from './definition';
import { definitionBody } from './use-schema';

export interface Problem {
  field: string;
  message: string;
}

export interface Plan {
  /** The version the plan starts from; applying sends it as `expectedVersion`. */
  baseVersion: number;
  operations: Operation[];
  warnings: Problem[];
  sql: { up: string; down: string };
}

export interface Applied<T> {
  applied: boolean;
  /** The answer; undefined for a 204 (drops). */
  data?: T;
}

export type ChangeStep = 'editing' | 'planning' | 'review' | 'applying';

export interface PlannedChange {
  step: ChangeStep;
  plan: Plan | null;
  /** The server's problems by form field (relative to the change), to show next to each field. */
  fieldProblems: Record<string, string>;
  /** Every problem the server named, for the summary above the form. */
  problems: Problem[];
  /** Anything else that went wrong (403, 409, 422, network), said with what to do next. */
  error: unknown;
  /** Plans the change (POST /schema/plan): nothing changes yet. */
  review(change: ProposedChange, baseVersion: number): Promise<void>;
  /** Applies the reviewed change; `applied` false when it failed (the problems and error say why). */
  apply<T>(run: (expectedVersion: number) => Promise<{ data?: T; error?: unknown }>): Promise<Applied<T>>;
  /** Back to the form, forgetting the plan. */
  edit(): void;
}

/**
 * One schema change through its two steps: review (the plan route: operations, warnings, up and
 * down SQL) and apply (the table or column route, with the reviewed version as expectedVersion,
 * so that what is applied is what was reviewed, or a 409 says the schema moved on).
 */
export function usePlannedChange(tenant: string): PlannedChange {
  const [step, setStep] = useState<ChangeStep>('editing');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [problems, setProblems] = useState<{ fields: Record<string, string>; all: Problem[] }>({
    fields: {},
    all: [],
  });
  const [error, setError] = useState<unknown>(null);

  const review = useCallback(
    async (change: ProposedChange, baseVersion: number) => {
      setStep('planning');
      setError(null);
      setProblems({ fields: {}, all: [] });
      const { data, error: failure } = await api
        .POST('/api/tenants/{tenant}/schema/plan', {
          params: { path: { tenant } },
          body: { definition: definitionBody(change.definition) },
        })
        .catch((thrown: unknown) => ({ data: undefined, error: thrown }));
      if (!data) {
        setError(failure);
        setStep('editing');
        return;
      }
      if (!data.valid) {
        setProblems({ fields: problemsFor(change.prefix, data.errors).fields, all: data.errors });
        setStep('editing');
        return;
      }
      setPlan({ baseVersion, operations: readOperations(data.operations), warnings: data.warnings, sql: data.sql });
      setStep('review');
    },
    [tenant],
  );

  const apply = useCallback(
    async <T>(run: (expectedVersion: number) => Promise<{ data?: T; error?: unknown }>) => {
      if (!plan) return { applied: false };
      setStep('applying');
      setError(null);
      const { data, error: failure } = await run(plan.baseVersion).catch((thrown: unknown) => ({
        data: undefined,
        error: thrown,
      }));
      if (failure === undefined) return { applied: true, data };
      // Invalid input names its fields; a conflict (409) or refusal (422) is said as a whole.
      const invalid = isApiError(failure) && failure.statusCode === 400 && Array.isArray(failure.details);
      const fields = invalid ? fieldErrors(failure) : {};
      setProblems({ fields, all: invalid ? (failure.details as Problem[]) : [] });
      setError(invalid && Object.keys(fields).length > 0 ? null : failure);
      setPlan(null);
      setStep('editing');
      return { applied: false };
    },
    [plan],
  );

  const edit = useCallback(() => {
    setPlan(null);
    setStep('editing');
  }, []);

  return { step, plan, fieldProblems: problems.fields, problems: problems.all, error, review, apply, edit };
}
