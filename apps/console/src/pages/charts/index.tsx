import { Page } from '../../components/page';

/** Placeholder for aggregate charts (/console/t/:tenant/charts/*); routes below it are this area's own (nested <Routes>). */
export default function ChartsArea() {
  return (
    <Page title="Charts">
      <p>This page is not built yet.</p>
    </Page>
  );
}
