import type * as ExcelJS from 'exceljs';

/**
 * exceljs, loaded on the first XLSX import or export: it adds about 25 MB to a process, which a
 * worker that only ever sees CSV or JSON need not carry.
 */
export function loadExcelJs(): Promise<typeof ExcelJS> {
  return import('exceljs');
}
