import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLIENT_DIR,
  GENERATED_DIR,
  generateTypes,
  operationProblems,
  redoclyLint,
  typeErrors,
  undescribedTags,
  untyped,
} from '../utils/openapi-tools';
import { startTestApp, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

const DOCUMENT_FILE = join(GENERATED_DIR, 'openapi.json');

describe('a client generated from /docs-json', () => {
  let t: TestApp;
  let document: any;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    document = res.body;
    mkdirSync(GENERATED_DIR, { recursive: true });
    writeFileSync(DOCUMENT_FILE, JSON.stringify(document, null, 2));
  });

  afterAll(() => t.close());

  it('passes the Redocly lint (recommended rules) with no error and no warning', () => {
    const { problems, totals } = redoclyLint(DOCUMENT_FILE);
    expect(problems).toEqual([]);
    expect(totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  it('types every parameter and property', () => {
    expect(untyped(document)).toEqual([]);
  });

  it('declares every tag an operation uses, with a description', () => {
    expect(undescribedTags(document)).toEqual([]);
  });

  it('gives every operation a method-like, unique operation id and every response a description', () => {
    expect(operationProblems(document)).toEqual([]);
  });

  it('compiles a typed client with openapi-typescript defaults, and refuses wrong calls', async () => {
    expect(generateTypes(DOCUMENT_FILE, join(GENERATED_DIR, 'strata-api.ts'))).toEqual({ status: 0, errors: '' });
    const { fileNames, errors } = typeErrors();
    expect(fileNames).toContain(join(CLIENT_DIR, 'strata-client.ts'));
    expect(errors).toEqual([]);
  });

  it('calls one route of every tag against the running server', async () => {
    const clientModule = join(CLIENT_DIR, 'strata-client');
    const { callEveryTag } = await import(clientModule);
    const suffix = uniqueSuffix();
    const result = await callEveryTag(
      t.http.baseUrl,
      { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD },
      suffix,
    );

    expect(result.health).toEqual({ status: 'ok' });
    expect(result.metrics.status).toBe(200);
    expect(result.metrics.text).toContain('# TYPE');
    expect(result.me).toEqual({ email: TEST_ADMIN_EMAIL, isSuperadmin: true });
    expect(result.createdUser).toEqual({ status: 201, isActive: true, phone: '' });
    expect(result.users).toEqual({ count: 1, usernames: [`ada_${suffix}`] });
    expect(result.tenant).toEqual({ status: 201, slug: `acme_${suffix}`, schemaName: `tenant_acme_${suffix}` });
    expect(result.members).toEqual([{ email: `ada_${suffix}@example.com`, role: 'admin' }]);
    expect(result.audit).toContain('tenant.member.add');
    expect(result.auditCsv.contentType).toMatch(/^text\/csv/);
    expect(result.auditCsv.text.split('\n')[0]).toContain('action');
    expect(result.platformVerify).toMatchObject({ valid: true });
    expect(result.auditKeys).toBeGreaterThan(0);
    expect(result.chainVerify).toMatchObject({ valid: true });
  });
});
