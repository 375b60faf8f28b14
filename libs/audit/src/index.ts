export * from './audit.module';
export * from './audit.service';
export * from './audit-query.service';
export * from './audit-entry';
export * from './audit-hash';
export * from './audit.repository';
