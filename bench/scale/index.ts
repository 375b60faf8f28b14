/** The scale benches, for `npm run bench:scale` and for any harness that runs them on its own server. */
export { runManyTenantsBench, type ManyTenantsOptions, type ManyTenantsResult } from './many-tenants-bench';
export { startScaleApi, type ScaleApi, type ScaleTarget } from './scale-api';
export { runSchemaScaleBench, type SchemaScaleOptions, type SchemaScaleRow } from './schema-scale-bench';
