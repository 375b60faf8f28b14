import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../utils/test-app';

const INDEX = '<!doctype html><title>console</title><div id="root"></div>';
const ASSET = 'console.log("hashed asset");';

/** A console build as Vite lays it out: index.html, hashed assets, and its manifest under a dot folder. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-console-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), ASSET);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
  return dir;
}

describe('the console served at /console', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = fakeBuild();
    t = await startTestApp({ CONSOLE_DIR: dir });
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await t.http.get('/console/assets/index-Ab12Cd34.js');
    expect(res.status).toBe(200);
    expect(res.text).toBe(ASSET);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves index.html and other unhashed files to be revalidated every time', async () => {
    for (const path of ['/console/', '/console/index.html']) {
      const res = await t.http.get(path);
      expect([path, res.status, res.text, res.headers.get('cache-control')]).toEqual([path, 200, INDEX, 'no-cache']);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    expect((await t.http.get('/console/favicon.svg')).headers.get('cache-control')).toBe('no-cache');
  });

  it('answers deep links with index.html (the app routes them) and redirects /console to /console/', async () => {
    const deep = await t.http.get('/console/t/acme/tables/contacts/data?sort=-id');
    expect([deep.status, deep.text, deep.headers.get('cache-control')]).toEqual([200, INDEX, 'no-cache']);
    const bare = await fetch(`${t.http.baseUrl}/console`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([302, '/console/']);
  });

  it('never serves files outside the build or hidden ones', async () => {
    for (const path of ['/console/.vite/manifest.json', '/console/..%2f..%2fpackage.json', '/console/%2e%2e/x']) {
      const res = await t.http.get(path);
      expect(res.text).not.toContain('"name": "strata"');
      expect(res.text).not.toBe('{}');
    }
  });

  it('leaves the API routes and their errors as they were', async () => {
    expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
    const missing = await t.http.get('/api/nothing-here');
    expect([missing.status, missing.body.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    const unauthenticated = await t.http.get('/api/auth/me');
    expect(unauthenticated.status).toBe(401);
  });
});

describe('the console when it is not built', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ CONSOLE_DIR: join(tmpdir(), 'strata-no-console-here') });
  });

  afterAll(() => t.close());

  it('answers a clear 404 in the error shape instead of crashing', async () => {
    for (const path of ['/console/', '/console/t/acme/tables']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'CONSOLE_NOT_BUILT' });
      expect(res.body.message).toContain('npm run build');
      expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
    }
    expect((await t.http.get('/health')).status).toBe(200);
  });
});
