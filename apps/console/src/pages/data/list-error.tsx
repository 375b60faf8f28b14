import { describeError, isApiError } from '../../api/api-error';

/**
 * Why rows could not be read, with what to do: a 400 names the parameter at fault (a filter, the
 * sort, a column), so the user can change or remove it; anything else can be tried again.
 */
export function ListError({
  error,
  onRetry,
  title = 'The rows could not be read',
}: {
  error: unknown;
  onRetry(): void;
  title?: string;
}) {
  const details =
    isApiError(error) && Array.isArray(error.details) ? (error.details as { field?: string; message?: string }[]) : [];
  const invalid = isApiError(error) && error.statusCode === 400;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{title}:</strong> {describeError(error)}
      </p>
      {details.length > 0 && (
        <ul>
          {details.map((detail, i) => (
            <li key={i}>
              <code>{detail.field}</code> {detail.message}
            </li>
          ))}
        </ul>
      )}
      <p>
        {invalid ? 'Change or remove the filter, sort or column it names.' : 'Check your connection, then try again.'}{' '}
        <button type="button" className="secondary small" onClick={onRetry}>
          Try again
        </button>
      </p>
    </div>
  );
}
