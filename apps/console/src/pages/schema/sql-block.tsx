import { useId } from 'react';

/** SQL to read: a labelled, scrollable and focusable block (so a keyboard can scroll it). */
export function SqlBlock({ title, sql, empty = 'No statements.' }: { title: string; sql: string; empty?: string }) {
  const id = useId();
  return (
    <figure className="sql-block">
      <figcaption id={id}>{title}</figcaption>
      {sql.trim() ? (
        <pre tabIndex={0} aria-labelledby={id}>
          <code>{sql}</code>
        </pre>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </figure>
  );
}
