import { Page } from '../../components/page';

/** Placeholder for the audit trail, verification and export (/console/t/:tenant/audit/*); routes below it are this area's own (nested <Routes>). */
export default function AuditArea() {
  return (
    <Page title="Audit trail">
      <p>This page is not built yet.</p>
    </Page>
  );
}
