// The audit trail as CSV for archiving and spreadsheets (semicolon-separated, as German office software expects).
import { stringify } from 'csv-stringify/sync';
import type { StoredEvent } from '../store/store';

export function auditCsv(events: StoredEvent[]): string {
  const rows = events.map((e) => [e.seq, e.at, e.type, e.actor ?? '', JSON.stringify(e.data)]);
  // BOM: spreadsheet programs then read the umlauts as UTF-8
  return `\uFEFF${stringify([['seq', 'zeitpunkt', 'ereignis', 'akteur', 'daten'], ...rows], { delimiter: ';' })}`;
}
