import { createPublicKey, KeyObject, randomUUID } from 'node:crypto';
import { AuditChainVerifier, ChainAnchor } from './audit-chain-verifier';
import { chainHash, entryDigest, GENESIS_HASH } from './audit-hash';
import { AuditRow, SealedAuditRow } from './audit.repository';
import { writtenFields } from './sealing/writer-signature';
import { AuditSigningKey, generateSigningKey, signHash } from './signing/audit-signing-key';

const TENANT = '7d4c1f3e-2a6b-4c8d-9e0f-1a2b3c4d5e6f';
const key = generateSigningKey();
const keys: ReadonlyMap<string, KeyObject> = new Map([[key.keyId, createPublicKey(key.publicKeyPem)]]);

/** A row as the writer makes it: hash over the canonical fields, signed with `signer`. */
function link(
  prev: SealedAuditRow | null,
  details: Record<string, unknown>,
  signer: AuditSigningKey = key,
): SealedAuditRow {
  const seq = prev ? Number(prev.seq) + 1 : 1;
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, seq));
  const fields = {
    tenantId: TENANT,
    seq,
    at: at.toISOString(),
    actorId: null,
    actorEmail: 'someone@example.test',
    action: 'record.update',
    entityType: 'record',
    entityId: String(seq),
    requestId: 'r',
    ip: '127.0.0.1',
    details,
  };
  const hash = chainHash(prevHash, fields);
  return {
    id: randomUUID(),
    tenant_id: TENANT,
    seq: String(seq),
    at,
    actor_id: null,
    actor_email: fields.actorEmail,
    action: fields.action,
    entity_type: fields.entityType,
    entity_id: fields.entityId,
    request_id: fields.requestId,
    ip: fields.ip,
    details,
    prev_hash: prevHash,
    hash,
    key_id: signer.keyId,
    signature: signHash(signer.privateKey, hash),
    pos: String(seq),
    writer_key_id: null,
    writer_signature: null,
    sealed_at: at,
  };
}

/** A row as a writer inserts it, not sealed yet: signed by `writer` over what it wrote. */
function written(details: Record<string, unknown>, writer: AuditSigningKey = key): AuditRow {
  const row: AuditRow = {
    ...link(null, details),
    id: randomUUID(),
    seq: null,
    prev_hash: null,
    hash: null,
    key_id: null,
    signature: null,
    pos: '100',
    sealed_at: null,
  };
  return {
    ...row,
    writer_key_id: writer.keyId,
    writer_signature: signHash(writer.privateKey, entryDigest(writtenFields(row))),
  };
}

function chain(length: number): SealedAuditRow[] {
  const rows: SealedAuditRow[] = [];
  for (let i = 0; i < length; i++) rows.push(link(rows[i - 1] ?? null, { i }));
  return rows;
}

function verify(rows: AuditRow[], anchor: ChainAnchor | null = null, unsealed: AuditRow[] = []) {
  const verifier = new AuditChainVerifier(keys, anchor);
  for (const row of rows) if (!verifier.feed(row)) return verifier.result();
  for (const row of unsealed) if (!verifier.feedUnsealed(row)) break;
  return verifier.result();
}

/** What a database superuser can do without the private key: rewrite rows and recompute every hash after. */
function rewriteFrom(rows: SealedAuditRow[], index: number, details: Record<string, unknown>): SealedAuditRow[] {
  const out = rows.slice(0, index);
  rows.slice(index).forEach((row, i) => {
    const forged = link(out[out.length - 1] ?? null, i === 0 ? details : row.details, generateSigningKey());
    out.push({ ...forged, id: row.id, key_id: row.key_id, signature: row.signature });
  });
  return out;
}

describe('AuditChainVerifier', () => {
  it('accepts an intact chain', () => {
    expect(verify(chain(5))).toEqual({ valid: true, checked: 5, firstBrokenId: null });
  });

  it('names the first entry rewritten with every hash recomputed', () => {
    const rows = chain(5);
    const forged = rewriteFrom(rows, 2, { i: 'forged' });
    expect(verify(forged)).toEqual({ valid: false, checked: 3, firstBrokenId: rows[2].id });
  });

  it('names an entry signed by a key that is not listed, or not signed at all', () => {
    const rows = chain(3);
    const inserted = link(rows[2], { sneaky: true }, generateSigningKey());
    expect(verify([...rows, inserted])).toEqual({ valid: false, checked: 4, firstBrokenId: inserted.id });
    const unsigned = { ...link(rows[2], { sneaky: true }), key_id: null, signature: null };
    expect(verify([...rows, unsigned]).firstBrokenId).toBe(unsigned.id);
  });

  it('names an entry whose stored details differ from what was hashed', () => {
    const rows = chain(3);
    rows[1] = { ...rows[1], details: { i: 99 } };
    expect(verify(rows)).toMatchObject({ valid: false, firstBrokenId: rows[1].id });
  });

  it('holds the chain to an anchor: same hash at its seq, and the chain must reach it', () => {
    const rows = chain(5);
    expect(verify(rows, { seq: 4, hash: rows[3].hash }).valid).toBe(true);
    expect(verify(rows, { seq: 4, hash: rows[2].hash })).toEqual({
      valid: false,
      checked: 4,
      firstBrokenId: rows[3].id,
    });
    // The newest two removed: every remaining entry is fine, but the anchored head is gone.
    expect(verify(rows.slice(0, 3), { seq: 5, hash: rows[4].hash })).toEqual({
      valid: false,
      checked: 3,
      firstBrokenId: null,
    });
    expect(verify([], { seq: 1, hash: rows[0].hash }).valid).toBe(false);
  });

  it('names entries put in another order, or a seal moved to another entry', () => {
    const rows = chain(4);
    expect(verify([rows[0], rows[2], rows[1], rows[3]])).toMatchObject({ valid: false, firstBrokenId: rows[2].id });
    const swapped = [...rows];
    swapped[1] = { ...rows[1], seq: rows[2].seq };
    swapped[2] = { ...rows[2], seq: rows[1].seq };
    expect(verify(swapped)).toMatchObject({ valid: false, firstBrokenId: rows[1].id });
    const moved = [...rows];
    moved[1] = { ...rows[1], details: rows[2].details, entity_id: rows[2].entity_id };
    expect(verify(moved)).toMatchObject({ valid: false, firstBrokenId: rows[1].id });
  });

  it('names an entry whose seal was taken off, or whose signature was replaced', () => {
    const rows = chain(3);
    const unsealed = [...rows] as AuditRow[];
    unsealed[1] = { ...rows[1], seq: null, hash: null, prev_hash: null, key_id: null, signature: null };
    expect(verify(unsealed)).toMatchObject({ valid: false, firstBrokenId: rows[1].id });
    const resigned = [...rows];
    resigned[2] = { ...rows[2], signature: rows[1].signature };
    expect(verify(resigned)).toEqual({ valid: false, checked: 3, firstBrokenId: rows[2].id });
  });

  it('lets an unsealed entry pass while it is as its writer signed it, without counting it', () => {
    expect(verify(chain(2), null, [written({ a: 1 }), written({ b: 2 })])).toEqual({
      valid: true,
      checked: 2,
      firstBrokenId: null,
    });
  });

  it('names an unsealed entry changed after it was written, unsigned, signed by an untrusted key, or with no position', () => {
    const rows = chain(2);
    const changed = { ...written({ role: 'viewer' }), details: { role: 'admin' } };
    const unsigned = { ...written({}), writer_signature: null };
    const untrusted = written({}, generateSigningKey());
    const unplaced = { ...written({}), pos: null };
    for (const bad of [changed, unsigned, untrusted, unplaced]) {
      expect(verify(rows, null, [written({ ok: true }), bad])).toEqual({
        valid: false,
        checked: 3,
        firstBrokenId: bad.id,
      });
    }
  });

  it('reports the chain before the unsealed entries', () => {
    const rows = chain(3);
    rows[1] = { ...rows[1], details: { i: 99 } };
    const bad = { ...written({}), writer_signature: null };
    expect(verify(rows, null, [bad])).toMatchObject({ valid: false, firstBrokenId: rows[1].id });
  });
});
