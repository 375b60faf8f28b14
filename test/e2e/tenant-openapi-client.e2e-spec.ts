import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaDefinition } from '@app/dataschema';
import { createTenant, deleteTenant } from '../factories/tenants.factory';
import {
  GENERATED_DIR,
  generateTypes,
  operationProblems,
  redoclyLint,
  typeErrors,
  undescribedTags,
  untyped,
} from '../utils/openapi-tools';
import { tenantClientCheck } from '../utils/tenant-client-check';
import { startTestApp, TestApp } from '../utils/test-app';

interface TemplateTenant {
  key: string;
  slug: string;
  definition: SchemaDefinition;
  document: any;
  dir: string;
}

/**
 * The per-tenant OpenAPI document passes the same checks as /docs-json, for a tenant built from
 * each built-in template: Redocly's recommended rules with no problem, every parameter and property
 * typed, and openapi-typescript types under which a client check written from the definition by
 * the records contract compiles (and its wrong calls do not).
 */
describe('a client generated from a tenant’s openapi.json', () => {
  let t: TestApp;
  let superadmin: string;
  const tenants: TemplateTenant[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await t.adminToken();
    const templates = await t.http.get('/api/schema-templates', { token: superadmin });
    expect(templates.status).toBe(200);
    for (const template of templates.body.results as { key: string; definition: SchemaDefinition }[]) {
      const { slug } = await createTenant(t, superadmin);
      const put = await t.http.put(
        `/api/tenants/${slug}/schema`,
        { definition: template.definition, expectedVersion: 0, message: `from the ${template.key} template` },
        { token: superadmin },
      );
      expect(put.status).toBe(200);
      const res = await t.http.get(`/api/tenants/${slug}/openapi.json`, { token: superadmin });
      expect(res.status).toBe(200);
      const dir = join(GENERATED_DIR, 'tenants', template.key);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(res.body, null, 2));
      tenants.push({ key: template.key, slug, definition: template.definition, document: res.body, dir });
    }
  });

  afterAll(async () => {
    for (const { slug } of tenants) await deleteTenant(t, superadmin, slug);
    await t.close();
  });

  it('covers every built-in template', () => {
    expect(tenants.map((x) => x.key)).toEqual(expect.arrayContaining(['crm', 'inventory']));
  });

  it('passes the Redocly lint (recommended rules) with no error and no warning', () => {
    for (const { key, dir } of tenants) {
      const { problems, totals } = redoclyLint(join(dir, 'openapi.json'));
      expect({ key, problems, totals }).toEqual({ key, problems: [], totals: { errors: 0, warnings: 0, ignored: 0 } });
    }
  });

  it('types every parameter and property, describes its tags, and names operations like methods', () => {
    for (const { key, document } of tenants) {
      const problems = [...untyped(document), ...undescribedTags(document), ...operationProblems(document)];
      expect({ key, problems }).toEqual({ key, problems: [] });
    }
  });

  it('compiles a typed client of every table with openapi-typescript defaults, and refuses wrong calls', () => {
    const checks = tenants.map(({ key, slug, definition, dir }) => {
      expect({ key, ...generateTypes(join(dir, 'openapi.json'), join(dir, 'api.ts')) }).toEqual({
        key,
        status: 0,
        errors: '',
      });
      const file = join(dir, 'check.ts');
      writeFileSync(file, tenantClientCheck(slug, definition, './api'));
      return file;
    });
    expect(typeErrors(checks).errors).toEqual([]);
  });
});
