import { isApiError } from '../../api/api-error';
import { ErrorMessage } from '../../components/error-message';

/** Why a change was not planned or applied, and what to do next. */
export function ChangeError({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  if (isApiError(error) && error.code === 'SCHEMA_VERSION_CONFLICT') {
    return (
      <div className="notice notice-error" role="alert">
        <strong>Not applied:</strong> someone changed the schema after you reviewed this change ({error.message}). The
        form now starts from the current schema: review the change again before applying it.
      </div>
    );
  }
  if (isApiError(error) && error.code === 'SCHEMA_CHANGE_REFUSED') {
    return (
      <div className="notice notice-error" role="alert">
        <strong>Not applied:</strong> {error.message}. Change or remove those rows first (in the table&apos;s data), or
        choose a change the stored rows allow.
      </div>
    );
  }
  return <ErrorMessage error={error} title="The change was not made" />;
}
