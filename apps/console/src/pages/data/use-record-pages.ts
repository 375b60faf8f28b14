import { useState, useSyncExternalStore } from 'react';
import { RecordPages } from './record-pages';

/**
 * The store of one list (see RecordPages), made again when `key` changes (another filter, sort,
 * set of columns, or a row created), and the component re-rendered whenever it changes.
 */
export function useRecordPages(key: string, create: () => RecordPages): RecordPages {
  const [current, setCurrent] = useState(() => ({ key, store: create() }));
  const latest = current.key === key ? current : { key, store: create() };
  if (latest !== current) setCurrent(latest);
  useSyncExternalStore(latest.store.subscribe, latest.store.version);
  return latest.store;
}
