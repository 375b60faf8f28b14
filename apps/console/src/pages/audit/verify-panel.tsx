import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, Schemas } from '../../api/client';
import { fieldErrors } from '../../api/api-error';
import { useApi } from '../../api/use-api';
import { ErrorMessage } from '../../components/error-message';
import { paths } from '../../routes';
import { queryOf } from './audit-query';

type VerifyResult = Schemas['AuditVerifyResultDto'];
interface Anchor {
  seq: number;
  hash: string;
}

interface Verification {
  result: VerifyResult;
  anchor: Anchor | null;
  at: Date;
}

/**
 * Checks the tenant's chain on the server (sequence, links, hashes, signatures, and an anchor if
 * given) and says the outcome plainly: intact, or the first entry that does not check out.
 */
export function VerifyPanel({ tenant, pageSize }: { tenant: string; pageSize: number }) {
  const head = useApi(() => api.GET('/api/tenants/{tenant}/audit/anchors', { params: { path: { tenant } } }), [tenant]);
  const [anchorSeq, setAnchorSeq] = useState('');
  const [anchorHash, setAnchorHash] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const current = head.status === 'ok' ? head.data.results[0] : undefined;

  async function verify(event: FormEvent) {
    event.preventDefault();
    const anchor = anchorSeq || anchorHash ? { seq: Number(anchorSeq), hash: anchorHash.trim().toLowerCase() } : null;
    setBusy(true);
    setError(null);
    setVerification(null);
    const { data, error: failure } = await api.GET('/api/tenants/{tenant}/audit/verify', {
      params: {
        path: { tenant },
        query: anchor ? { anchorSeq: anchor.seq, anchorHash: anchor.hash } : {},
      },
    });
    setBusy(false);
    setError(failure ?? null);
    if (data) setVerification({ result: data, anchor, at: new Date() });
  }

  const errors = fieldErrors(error);
  return (
    <section aria-labelledby="verify-title" className="audit-panel">
      <h2 id="verify-title">Verify the chain</h2>
      <p>
        Checks every entry of this tenant&apos;s chain: that none is missing or out of order, that each links to the one
        before, that its hash matches its content and that its signature is valid.
      </p>
      {current && (
        <p>
          Current head: entry <strong>#{current.seq}</strong>, hash <code className="hash">{current.hash}</code>,
          written {new Date(current.at).toLocaleString()}. Record it somewhere else to check later that nothing before
          it changed.
        </p>
      )}
      {head.status === 'ok' && !current && <p>The chain has no entry yet.</p>}
      {head.status === 'error' && <ErrorMessage error={head.error} title="The chain's head could not be loaded" />}
      <form className="verify-form" onSubmit={(event) => void verify(event)} aria-label="Verify the chain">
        <fieldset>
          <legend>Anchor (optional): a head recorded earlier, such as one from the daily report mail</legend>
          <div className="field">
            <label htmlFor="anchor-seq">Anchor entry number (seq)</label>
            <input
              id="anchor-seq"
              type="number"
              min={1}
              inputMode="numeric"
              value={anchorSeq}
              onChange={(event) => setAnchorSeq(event.target.value)}
              required={anchorHash !== ''}
              aria-invalid={errors.anchorSeq ? true : undefined}
              aria-describedby={errors.anchorSeq ? 'anchor-seq-error' : undefined}
            />
            {errors.anchorSeq && (
              <p className="field-error" id="anchor-seq-error">
                Error: {errors.anchorSeq}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="anchor-hash">Anchor hash (64 hex digits)</label>
            <input
              id="anchor-hash"
              value={anchorHash}
              onChange={(event) => setAnchorHash(event.target.value)}
              required={anchorSeq !== ''}
              pattern="[0-9a-fA-F]{64}"
              title="64 hexadecimal digits"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={errors.anchorHash ? true : undefined}
              aria-describedby={errors.anchorHash ? 'anchor-hash-error' : undefined}
            />
            {errors.anchorHash && (
              <p className="field-error" id="anchor-hash-error">
                Error: {errors.anchorHash}
              </p>
            )}
          </div>
          {current && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setAnchorSeq(String(current.seq));
                setAnchorHash(current.hash);
              }}
            >
              Use the current head
            </button>
          )}
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? 'Verifying…' : 'Verify chain'}
        </button>
      </form>
      {busy && (
        <div className="job-progress">
          <progress aria-label="Verification progress" aria-valuetext="checking the entries" />
          <p role="status">Checking the entries… a long chain takes a while.</p>
        </div>
      )}
      {error !== null && <ErrorMessage error={error} title="The chain could not be verified" />}
      {verification && <VerifyOutcome tenant={tenant} pageSize={pageSize} verification={verification} />}
    </section>
  );
}

function VerifyOutcome({
  tenant,
  pageSize,
  verification,
}: {
  tenant: string;
  pageSize: number;
  verification: Verification;
}) {
  const { result, anchor, at } = verification;
  const anchorText = anchor ? ` and still holds the anchor #${anchor.seq} (hash ${anchor.hash.slice(0, 12)}…)` : '';
  if (result.valid)
    return (
      <div className="notice notice-ok verify-result" role="status">
        <p>
          <strong>
            <span aria-hidden="true">✓</span> Verified: the chain is intact.
          </strong>{' '}
          All {result.checked} entries check out{anchorText}.
        </p>
        <p className="hint">Checked at {at.toLocaleString()}.</p>
      </div>
    );
  // the broken entry is the last one checked, and the chain is numbered from 1 without gaps
  const position = result.checked;
  const around = queryOf({
    ordering: 'seq',
    pageSize,
    page: Math.ceil(position / pageSize),
    entry: result.firstBrokenId ?? '',
  });
  return (
    <div className="notice notice-error verify-result" role="alert">
      <p>
        <strong>
          <span aria-hidden="true">✗</span> Not verified: the chain is broken.
        </strong>
      </p>
      {result.firstBrokenId ? (
        <p>
          The first bad entry is number {position} in the chain (id <code>{result.firstBrokenId}</code>): its sequence,
          link, hash, signature{anchor ? ' or anchored hash' : ''} does not match. It and the entries after it cannot be
          trusted. <Link to={`${paths.audit(tenant)}?${around.toString()}`}>Show the entries around it</Link>.
        </p>
      ) : (
        <p>
          Every entry checked is intact, but the chain ends before the anchor #{anchor?.seq}: entries recorded before
          that anchor are gone.
        </p>
      )}
      <p>
        What to do: export the trail now to keep the evidence, and tell whoever runs the platform&apos;s security. The
        entries themselves are not repaired by verifying.
      </p>
      <p className="hint">Checked at {at.toLocaleString()}.</p>
    </div>
  );
}
