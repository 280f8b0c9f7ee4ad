// The audit trail as CSV for archiving and spreadsheets (semicolon-separated, as German office software expects).
import { stringify } from 'csv-stringify/sync';
import { berlinDateTime } from '../domain/berlin-time';
import type { StoredEvent } from '../store/store';

export function auditCsv(events: StoredEvent[]): string {
  // the instant twice: exact (UTC, ISO) for archives, and as the clocks in Bavaria showed it for people reading it
  const rows = events.map((e) => [e.seq, e.at, berlinDateTime(e.at), e.type, e.actor ?? '', JSON.stringify(e.data)]);
  // BOM: spreadsheet programs then read the umlauts as UTF-8
  return `\uFEFF${stringify([['seq', 'zeitpunkt', 'zeit_berlin', 'ereignis', 'akteur', 'daten'], ...rows], { delimiter: ';' })}`;
}
