import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runTool } from './openapi-tools';

/** The console's committed API types, generated from /docs-json by openapi-typescript. */
export const CONSOLE_API_TYPES = join(ROOT, 'apps', 'console', 'src', 'api', 'schema.d.ts');

const HEADER =
  "// Generated from the API's /docs-json by openapi-typescript; do not edit.\n" +
  '// Regenerate with `npm run console:client` (a test fails when this file is out of date).\n';

/** What `openapi-typescript` makes of the document, as the committed file holds it; computed in memory. */
export function consoleApiTypesFor(document: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-console-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const run = runTool('openapi-typescript/bin/cli.js', [file]);
    if (run.status !== 0) throw new Error(`openapi-typescript failed: ${run.stderr}`);
    return HEADER + run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const committedConsoleApiTypes = (): string => readFileSync(CONSOLE_API_TYPES, 'utf8');
