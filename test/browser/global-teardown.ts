import { rmSync } from 'node:fs';
import e2eGlobalTeardown from '../utils/global-teardown';
import { CONSOLE_DIR_VARIABLE } from './console-build';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env[CONSOLE_DIR_VARIABLE];
  if (dir) rmSync(dir, { recursive: true, force: true });
  await e2eGlobalTeardown();
}
