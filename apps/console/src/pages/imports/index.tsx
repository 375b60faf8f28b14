import { Route, Routes } from 'react-router';
import NotFoundPage from '../not-found';
import { ExportJobPage } from './export/export-job-page';
import { ExportPage } from './export/export-page';
import { ImportsHome } from './imports-home';
import { ImportJobPage } from './job/import-job-page';
import { ImportWizard } from './wizard/import-wizard';
import './imports.css';

/**
 * Imports and exports (/console/t/:tenant/imports/*): the recent jobs, the import wizard (`new`),
 * an import's progress and report (`:id`), the export page (`export?table=...&<list query>`) and an
 * export's progress and download (`exports/:id`).
 */
export default function ImportsArea() {
  return (
    <Routes>
      <Route index element={<ImportsHome />} />
      <Route path="new" element={<ImportWizard />} />
      <Route path="export" element={<ExportPage />} />
      <Route path="exports/:id" element={<ExportJobPage />} />
      <Route path=":id" element={<ImportJobPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
