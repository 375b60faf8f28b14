import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { startTestApp, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

const ROOT = join(__dirname, '..', '..');
const CLIENT_DIR = join(ROOT, 'test', 'openapi-client');
const GENERATED_DIR = join(CLIENT_DIR, 'generated');
const DOCUMENT_FILE = join(GENERATED_DIR, 'openapi.json');

/** Runs a dev tool's CLI as a user would, offline: no telemetry, no update check. */
function runTool(script: string, args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'node_modules', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 30000,
  });
}

/** What a client generator needs of every parameter and property: a type it can map (or a reference). */
function untyped(document: any): string[] {
  const problems: string[] = [];
  const typed = (schema: any) =>
    !!schema && (schema.type || schema.$ref || schema.enum || schema.allOf || schema.oneOf || schema.anyOf);
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      for (const param of op.parameters ?? []) {
        if (!typed(param.schema)) problems.push(`${method} ${path}: parameter ${param.name} has no type`);
      }
    }
  }
  for (const [name, schema] of Object.entries<any>(document.components.schemas)) {
    for (const [property, value] of Object.entries<any>(schema.properties ?? {})) {
      const itemsTyped = value.type !== 'array' || typed(value.items);
      if (!typed(value) || !itemsTyped) problems.push(`${name}.${property} has no type`);
    }
  }
  return problems;
}

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
    // cwd is the repository, so redocly.yaml (extends: recommended) applies.
    const run = runTool('@redocly/cli/bin/cli.js', ['lint', DOCUMENT_FILE, '--format=json']);
    const report = JSON.parse(run.stdout || '{}');
    const problems = (report.problems ?? []).map(
      (p: any) => `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer}: ${p.message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  it('types every parameter and property', () => {
    expect(untyped(document)).toEqual([]);
  });

  it('declares every tag an operation uses, with a description', () => {
    const declared = new Map<string, string>(document.tags.map((tag: any) => [tag.name, tag.description]));
    const used = Object.values<any>(document.paths).flatMap((item) =>
      Object.values<any>(item).flatMap((op) => op.tags ?? []),
    );
    expect([...new Set(used)].filter((tag) => !declared.get(tag))).toEqual([]);
  });

  it('gives every operation a method-like, unique operation id and every response a description', () => {
    const ids: string[] = [];
    const problems: string[] = [];
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        ids.push(op.operationId);
        if (!/^[a-z][A-Za-z0-9]*$/.test(op.operationId)) problems.push(`${method} ${path}: id ${op.operationId}`);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          if (!response.description?.trim()) problems.push(`${method} ${path}: ${status} has no description`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('compiles a typed client with openapi-typescript defaults, and refuses wrong calls', async () => {
    const generate = runTool('openapi-typescript/bin/cli.js', [
      DOCUMENT_FILE,
      '-o',
      join(GENERATED_DIR, 'strata-api.ts'),
    ]);
    expect({ status: generate.status, errors: generate.stderr.trim() }).toEqual({ status: 0, errors: '' });
    const configFile = ts.readConfigFile(join(CLIENT_DIR, 'tsconfig.json'), ts.sys.readFile);
    const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, CLIENT_DIR);
    expect(config.fileNames).toContain(join(CLIENT_DIR, 'strata-client.ts'));
    const program = ts.createProgram(config.fileNames, config.options);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(ROOT.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
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
