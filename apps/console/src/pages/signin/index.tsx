import { FormEvent, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';
import { fieldErrors } from '../../api/api-error';
import { Page } from '../../components/page';
import { CONSOLE_BASE, paths } from '../../routes';
import { useSession } from '../../session/session-context';

/** Where to go after signing in: the page the user was on, never another site. */
function nextPath(params: URLSearchParams): string {
  const next = params.get('next');
  return next && next.startsWith(`${CONSOLE_BASE}/`) && !next.startsWith('//') ? next : paths.tenants;
}

export default function SignInPage() {
  const { state, signIn } = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in') return <Navigate to={nextPath(params)} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(await signIn(String(form.get('email')), String(form.get('password'))));
    setBusy(false);
  }

  const errors = fieldErrors(error);
  return (
    <main id="main" className="signin">
      <Page title="Sign in">
        {params.get('expired') && (
          <p className="notice" role="status">
            Your session has ended. Sign in again to return to the page you were on.
          </p>
        )}
        {error !== null && <ErrorMessage error={error} title="Sign-in failed" />}
        <form onSubmit={(event) => void submit(event)} className="form">
          <Field label="Email" name="email" type="email" autoComplete="username" required error={errors.email} />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.password}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </Page>
    </main>
  );
}
