#!/usr/bin/env node
// Verifies an NDJSON audit export offline, with nothing but the public keys and Node.js.
//
//   node scripts/verify-audit-export.mjs <export.ndjson> <keys.json> <chain> [anchorSeq anchorHash]
//
// <keys.json> is the body of GET /api/audit/keys (no token needed), saved when you trust it;
// <chain> is the tenant id of the chain (GET /api/tenants/:tenant -> id), or `platform`.
// The export must be the whole chain (no filters). Prints {valid, checked, firstBrokenId} and
// exits 1 when the chain is not valid. See docs/audit.md.
import { Buffer } from 'node:buffer';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [exportFile, keysFile, chain, anchorSeq, anchorHash] = process.argv.slice(2);
if (!exportFile || !keysFile || !chain) {
  console.error('usage: verify-audit-export.mjs <export.ndjson> <keys.json> <chain> [anchorSeq anchorHash]');
  process.exit(2);
}

/** Canonical JSON of a parsed JSON value: object keys sorted (UTF-16 code units) at every depth, no spaces. */
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

/** signature = base64 Ed25519 signature of the UTF-8 bytes of the hex hash. */
function isSignedBy(key, hash, signature) {
  try {
    return Boolean(key && signature && verify(null, Buffer.from(hash, 'utf8'), key, Buffer.from(signature, 'base64')));
  } catch {
    return false;
  }
}

const keys = new Map(
  JSON.parse(readFileSync(keysFile, 'utf8')).results.map((k) => [k.keyId, createPublicKey(k.publicKey)]),
);
const entries = readFileSync(exportFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));

let prevHash = '0'.repeat(64);
let checked = 0;
let firstBrokenId = null;
for (const [i, e] of entries.entries()) {
  checked += 1;
  const fields = {
    tenantId: chain === 'platform' ? null : chain,
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    requestId: e.requestId,
    ip: e.ip,
    details: e.details,
  };
  const hash = createHash('sha256').update(prevHash).update(canonical(fields)).digest('hex');
  const signed = isSignedBy(keys.get(e.keyId), e.hash, e.signature);
  const anchored = !anchorSeq || e.seq !== Number(anchorSeq) || e.hash === anchorHash;
  if (e.seq !== i + 1 || e.prevHash !== prevHash || hash !== e.hash || !signed || !anchored) {
    firstBrokenId = e.id;
    break;
  }
  prevHash = e.hash;
}
const reachedAnchor = !anchorSeq || entries.length >= Number(anchorSeq);
const result = { valid: firstBrokenId === null && reachedAnchor, checked, firstBrokenId };
console.log(JSON.stringify(result));
process.exit(result.valid ? 0 : 1);
