import { describeError } from '../api/api-error';

/** An error said in words (not only in colour), announced to screen readers. */
export function ErrorMessage({ error, title = 'Error' }: { error: unknown; title?: string }) {
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}:</strong> {describeError(error)}
    </div>
  );
}
