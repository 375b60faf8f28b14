export * from './tenants.module';
