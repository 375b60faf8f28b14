import { Link } from 'react-router';
import { paths } from '../routes';

/** Shown instead of a page the user's role does not open (the server would answer 403). */
export function NotAllowed({ what }: { what: string }) {
  return (
    <section className="notice notice-error" role="alert" aria-labelledby="not-allowed-title">
      <h1 id="not-allowed-title">Not allowed</h1>
      <p>
        Your role in this tenant does not allow {what}. Ask a tenant admin for another role, or go back to{' '}
        <Link to={paths.tenants}>your tenants</Link>.
      </p>
    </section>
  );
}
