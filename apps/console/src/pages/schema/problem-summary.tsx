import { useEffect, useRef } from 'react';
import { Problem } from './use-planned-change';

/** Where a problem is, in words: `columns[1].name` -> "column 2, name". */
export function describePath(path: string): string {
  return path
    .replace(/^tables\[(\d+)\]\.?/, (_, n: string) => `table ${Number(n) + 1}, `)
    .replace(/columns\[(\d+)\]\.?/g, (_, n: string) => `column ${Number(n) + 1}, `)
    .replace(/indexes\[(\d+)\]\.?/g, (_, n: string) => `index ${Number(n) + 1}, `)
    .replace(/, $/, '');
}

/**
 * Every problem the server found, above the form; it takes the focus so that keyboard and
 * screen-reader users learn at once that the change was refused, then find each field marked.
 */
export function ProblemSummary({ problems }: { problems: Problem[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) box.current?.focus();
  }, [problems]);
  if (problems.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert" tabIndex={-1} ref={box} aria-labelledby="problem-summary-title">
      <h2 id="problem-summary-title">The server refused this change</h2>
      <p>Correct the fields marked below, then review the change again:</p>
      <ul>
        {problems.map((problem, i) => (
          <li key={i}>
            {describePath(problem.field) || 'the schema'}: {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
