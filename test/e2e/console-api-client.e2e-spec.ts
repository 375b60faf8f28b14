import { writeFileSync } from 'node:fs';
import { committedConsoleApiTypes, CONSOLE_API_TYPES, consoleApiTypesFor } from '../utils/console-api-types';
import { startTestApp, TestApp } from '../utils/test-app';

/** `npm run console:client` sets this to rewrite the committed types instead of comparing with them. */
const UPDATE = process.env.UPDATE_CONSOLE_CLIENT === '1';

describe("the console's generated API client", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('matches what openapi-typescript generates from the running API (run `npm run console:client` if not)', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const generated = consoleApiTypesFor(res.body);
    if (UPDATE) writeFileSync(CONSOLE_API_TYPES, generated);
    expect(committedConsoleApiTypes()).toBe(generated);
  });
});
