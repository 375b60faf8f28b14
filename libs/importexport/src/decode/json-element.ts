import { isUtf8 } from 'node:buffer';
import { BadItem, ObjectItem } from './decoded-item';

/** One JSON element or NDJSON line as an item: an object, or a bad row saying why not. */
export function parseJsonRecord(bytes: Buffer, rowNumber: number): ObjectItem | BadItem {
  if (!isUtf8(bytes)) {
    return { kind: 'bad', rowNumber, message: 'holds bytes that are not valid UTF-8', raw: [bytes.toString('utf8')] };
  }
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'bad', rowNumber, message: 'is not valid JSON', raw: [text] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'bad', rowNumber, message: 'must be a JSON object', raw: [text] };
  }
  return { kind: 'object', rowNumber, value: value as Record<string, unknown> };
}
