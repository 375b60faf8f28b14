import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../layout/require-permission';
import NotFoundPage from '../not-found';
import { ColumnFormPage } from './column-form-page';
import { DiagramPage } from './diagram/diagram-page';
import { DiffPage } from './diff-page';
import { DropIndexPage } from './drop-index-page';
import { DropPage } from './drop-page';
import { EditTablePage } from './edit-table-page';
import { IndexFormPage } from './index-form-page';
import { NewTablePage } from './new-table-page';
import './schema.css';
import { TableListPage } from './table-list-page';
import { TablePage } from './table-page';
import { VersionPage } from './version-page';
import { VersionsPage } from './versions-page';

/** Pages that change the schema: admins only (the server answers 403 to the others). */
const editing = (page: React.ReactNode) => (
  <RequirePermission permission="editSchema" what="changing the schema">
    {page}
  </RequirePermission>
);

/**
 * The schema area (/console/t/:tenant/tables/*): the table list, a table, the forms that change
 * tables, columns and indexes (each reviewed as a plan first), the ER diagram, and the version history
 * with diffs and rollback. The area's own pages start with `_`, which no table name can.
 */
export default function SchemaArea() {
  return (
    <Routes>
      <Route index element={<TableListPage />} />
      <Route path="_new" element={editing(<NewTablePage />)} />
      <Route path="_diagram" element={<DiagramPage />} />
      <Route path="_versions" element={<VersionsPage />} />
      <Route path="_versions/diff" element={<DiffPage />} />
      <Route path="_versions/:version" element={<VersionPage />} />
      <Route path=":table" element={<TablePage />} />
      <Route path=":table/_edit" element={editing(<EditTablePage />)} />
      <Route path=":table/_drop" element={editing(<DropPage what="table" />)} />
      <Route path=":table/columns/_new" element={editing(<ColumnFormPage mode="add" />)} />
      <Route path=":table/columns/:column" element={editing(<ColumnFormPage mode="edit" />)} />
      <Route path=":table/columns/:column/_drop" element={editing(<DropPage what="column" />)} />
      <Route path=":table/indexes/_new" element={editing(<IndexFormPage />)} />
      <Route path=":table/indexes/:index/_drop" element={editing(<DropIndexPage />)} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
