/** Chinese Excel reads a CSV as GBK unless it starts with a UTF-8 byte order mark. */
const UTF8_BOM = '\uFEFF';

function cell(value: string): string {
  // A leading = + - @ would be run as a formula by Excel (CSV injection); a tab keeps it text.
  const safe = /^[=+\-@]/.test(value) ? `\t${value}` : value;
  return /[",\r\n\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV that opens correctly in Chinese Excel: BOM, CRLF line ends, quoted where needed. */
export function resultsCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return UTF8_BOM + [headers, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
