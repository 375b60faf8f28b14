import type { AddressInfo } from 'node:net';

const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

/** The last start-up log line: where the server listens, and the URLs a newcomer opens first. */
export function listeningSummary(address: AddressInfo): string {
  const bracketed = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const host = ANY_ADDRESS.has(address.address) ? 'localhost' : bracketed;
  const base = `http://${host}:${address.port}`;
  return `Listening on ${bracketed}:${address.port}. API ${base}/api, docs ${base}/docs, health ${base}/health`;
}
