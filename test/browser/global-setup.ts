import { existsSync } from 'node:fs';
import e2eGlobalSetup from '../utils/global-setup';
import { buildConsole, CONSOLE_DIR_VARIABLE } from './console-build';
import { CHROMIUM_PATH } from './chromium';

/** The e2e run's database, plus one console build shared by every browser test of the run. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``);
  }
  await e2eGlobalSetup();
  process.env[CONSOLE_DIR_VARIABLE] = buildConsole();
}
