import type ExcelJS from 'exceljs';

/**
 * A new Excel workbook. exceljs is large (about 1 MB bundled), so it is not bundled: the cloud installs it
 * beside the function (scripts/build.ts lists it in the function's package.json) and it is loaded here,
 * on the first export, rather than on every cold start.
 */
export function newWorkbook(): ExcelJS.Workbook {
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  return new Workbook();
}
