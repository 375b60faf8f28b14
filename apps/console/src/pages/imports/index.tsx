import { Page } from '../../components/page';

/** Placeholder for the import wizard and exports (/console/t/:tenant/imports/*); routes below it are this area's own (nested <Routes>). */
export default function ImportsArea() {
  return (
    <Page title="Imports">
      <p>This page is not built yet.</p>
    </Page>
  );
}
