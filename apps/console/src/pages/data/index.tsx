import { Route, Routes } from 'react-router';
import NotFoundPage from '../not-found';
import GridPage from './grid-page';
import HistoryPage from './history-page';
import './data.css';

/** The data area (/console/t/:tenant/tables/:table/data/*): the grid, and a record's history. */
export default function DataArea() {
  return (
    <Routes>
      <Route index element={<GridPage />} />
      <Route path="records/:id/history" element={<HistoryPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
