import ExcelJS from 'exceljs';

/** One sheet with a bold, frozen header; numbers stay text so leading + and long digits survive. */
export async function resultsXlsx(
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'linli';
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'results', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  sheet.columns.forEach((column, i) => {
    const widest = Math.max(
      ...[headers[i] ?? '', ...rows.map((r) => r[i] ?? '')].map((v) => [...v].length * 2),
    );
    column.width = Math.min(60, Math.max(8, widest));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
