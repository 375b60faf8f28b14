import { Route, Routes } from 'react-router';
import NotFoundPage from '../not-found';
import { AuditTrailPage } from './audit-trail-page';
import './audit.css';

/** The tenant's audit trail (/console/t/:tenant/audit): filters, paging, verification, export. */
export default function AuditArea() {
  return (
    <Routes>
      <Route index element={<AuditTrailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
