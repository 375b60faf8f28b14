import { Page } from '../../components/page';

/** Placeholder for the data grid (/console/t/:tenant/tables/:table/data/*); routes below it are this area's own (nested <Routes>). */
export default function DataArea() {
  return (
    <Page title="Data">
      <p>This page is not built yet.</p>
    </Page>
  );
}
