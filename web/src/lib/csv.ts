// CSV as German spreadsheet programs open it: semicolons, CRLF, a UTF-8 byte order mark for the umlauts.
export type Cell = string | number | undefined | null;

function cell(value: Cell): string {
  if (value === undefined || value === null) return '';
  let s = typeof value === 'number' ? String(value).replace('.', ',') : value;
  // A cell that starts like a formula would be executed by the spreadsheet (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** Offers text as a file download without a server round trip. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
