import { Route, Routes } from 'react-router';
import NotFoundPage from '../not-found';
import ChartPage from './chart-page';
import './charts.css';

/** The charts area (/console/t/:tenant/charts/*): an aggregate of a table, drawn as bars or a line. */
export default function ChartsArea() {
  return (
    <Routes>
      <Route index element={<ChartPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
