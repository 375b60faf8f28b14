import { FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/api-error';
import { api, Schemas } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { Field } from '../../components/field';

type Tenant = Schemas['TenantResponseDto'];

/** Superadmin only: a tenant with its name and slug (and optionally its first admin). */
export function CreateTenantForm({ onCreated }: { onCreated(tenant: Tenant): void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const adminEmail = String(form.get('adminEmail') ?? '').trim();
    setBusy(true);
    const { data, error: failure } = await api.POST('/api/tenants', {
      body: {
        name: String(form.get('name')),
        slug: String(form.get('slug')),
        ...(adminEmail ? { adminEmail } : {}),
      },
    });
    setBusy(false);
    setError(failure ?? null);
    if (data) {
      formElement.reset();
      onCreated(data);
    }
  }

  const errors = fieldErrors(error);
  return (
    <form className="form" aria-labelledby="create-tenant-title" onSubmit={(event) => void submit(event)}>
      <h2 id="create-tenant-title">Create a tenant</h2>
      {error !== null && <ErrorMessage error={error} title="The tenant was not created" />}
      <Field label="Name" name="name" required error={errors.name} />
      <Field
        label="Slug"
        name="slug"
        required
        pattern="[a-z][a-z0-9_]{2,40}"
        title="3 to 41 characters: a lower-case letter, then lower-case letters, digits or _"
        error={errors.slug}
      />
      <Field label="First admin's email (optional)" name="adminEmail" type="email" error={errors.adminEmail} />
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create tenant'}
      </button>
    </form>
  );
}
