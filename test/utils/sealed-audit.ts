import { AuditSealer } from '@app/audit';
import type { TestApp } from './test-app';

/**
 * Seals every committed audit entry, as the audit routes do before they read: for tests that read
 * `audit_log` directly and rely on `seq` (entries are sealed shortly after their commit otherwise).
 */
export const sealAudit = (t: TestApp): Promise<void> => t.app.get(AuditSealer).sealAll();
