import { Operation } from './definition';

/** Operations said in words, in the order they run. */
export function OperationList({ operations, label }: { operations: Operation[]; label: string }) {
  if (operations.length === 0) return <p>No operations: the two definitions are the same.</p>;
  return (
    <ol className="operations" aria-label={label}>
      {operations.map((operation, i) => (
        <li key={i}>
          {operation.summary}
          <span className="muted"> ({operation.kind})</span>
        </li>
      ))}
    </ol>
  );
}
