import { parseCsvTable } from '../../activities/csv';
import { formatReport, reconcile, reconcileTestMigration } from '../../activities/reconciliation';
import { expectFailure, stepInput } from './helpers';

const QUELLE = [
  'Kassenzeichen;Name;Betrag;Offen',
  '1001;"Huber; Anna";1.200,50;100,00',
  '1002;Maier;99,99;0',
  '1003;"Schmid ""Sepp""";10;10,5',
].join('\r\n');

// The same data: other column order, other row order, dot decimals, and a column only the new system has.
const ZIEL_GLEICH = [
  'Offen;Betrag;Kassenzeichen;Name;NeueId',
  '10.50;10.00;1003;"Schmid ""Sepp""";c',
  '100;1200.5;1001;"Huber; Anna";a',
  '0,00;99,99;1002;Maier;b',
].join('\n');

function data(zielCsv: string, extra: Record<string, unknown> = {}) {
  return { quelleCsv: QUELLE, zielCsv, schluessel: 'Kassenzeichen', summenfelder: ['Betrag', 'Offen'], ...extra };
}

describe('reconcile', () => {
  it('matches exports that differ only in column order, row order, number format and added columns', () => {
    const report = reconcile(parseCsvTable(QUELLE), parseCsvTable(ZIEL_GLEICH), 'Kassenzeichen', ['Betrag', 'Offen']);
    expect(report.matches).toBe(true);
    expect(report.source).toEqual(report.target);
    expect(report.source.records).toBe(3);
    expect(report.source.sums).toEqual({ Betrag: '1310.49', Offen: '110.5' });
    expect(report.source.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the checksum when any value changes, even if counts and sums stay equal', () => {
    const swapped = QUELLE.replace('Maier', 'Mayer');
    const report = reconcile(parseCsvTable(QUELLE), parseCsvTable(swapped), 'Kassenzeichen', ['Betrag']);
    expect(report.matches).toBe(false);
    expect(report.source.sums).toEqual(report.target.sums);
    expect(report.source.checksum).not.toBe(report.target.checksum);
    expect(report.differing).toEqual([{ key: '1002', columns: ['Name'] }]);
  });

  it('finds missing, extra, differing and duplicate keys and missing columns', () => {
    const ziel = [
      'Kassenzeichen;Betrag;Offen',
      '1001;1200,50;100',
      '1003;10;9,5',
      '1004;5;5',
      '1004;5;5',
    ].join('\n');
    const report = reconcile(parseCsvTable(QUELLE), parseCsvTable(ziel), 'Kassenzeichen', ['Betrag', 'Offen']);
    expect(report.matches).toBe(false);
    expect(report.missingColumns).toEqual(['Name']);
    expect(report.missingKeys).toEqual(['1002']);
    expect(report.extraKeys).toEqual(['1004']);
    expect(report.differing).toEqual([{ key: '1003', columns: ['Offen'] }]);
    expect(report.duplicateKeys).toEqual({ source: [], target: ['1004'] });
    expect(report.target.sums).toEqual({ Betrag: '1220.5', Offen: '119.5' });
  });
});

describe('formatReport', () => {
  it('writes a readable German report and lists at most ten keys', () => {
    const header = 'Id;Betrag';
    const quelle = [header, ...Array.from({ length: 15 }, (_, i) => `${100 + i};1,00`)].join('\n');
    const ziel = [header, '100;1,00', '101;2,50'].join('\n');
    const text = formatReport(reconcile(parseCsvTable(quelle), parseCsvTable(ziel), 'Id', ['Betrag']));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Abgleich der Testmigration fehlgeschlagen (Schlüssel: Id).');
    expect(lines[1]).toBe('Datensätze: Quelle 15, Ziel 2 – Differenz -13');
    expect(lines[2]).toBe('Summe Betrag: Quelle 15,00, Ziel 3,50 – Differenz -11,50');
    expect(lines[3]).toMatch(/^Prüfsumme \(SHA-256\): Quelle [0-9a-f]{16}…, Ziel [0-9a-f]{16}… – weicht ab$/);
    expect(lines[4]).toBe(
      'Im Ziel fehlende Schlüssel (13): 102, 103, 104, 105, 106, 107, 108, 109, 110, 111 … (und 3 weitere)',
    );
    expect(lines[5]).toBe('Im Ziel zusätzliche Schlüssel (0): –');
    expect(lines[6]).toBe('Abweichende Datensätze (1): 101 (Betrag)');
  });
});

describe('reconcileTestMigration', () => {
  it('returns the figures when both exports match', async () => {
    const res = await reconcileTestMigration(stepInput(data(ZIEL_GLEICH)));
    expect(res.summary).toBe('Abgleich erfolgreich: 3 Datensätze, Summen und Prüfsumme stimmen überein.');
    expect(res.result).toEqual({
      schluessel: 'Kassenzeichen',
      datensaetze: 3,
      summen: { Betrag: '1310.49', Offen: '110.5' },
      pruefsumme: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('works without sum fields, comparing amounts as plain text then', async () => {
    const res = await reconcileTestMigration(stepInput(data(QUELLE, { summenfelder: undefined })));
    expect(res.summary).toBe('Abgleich erfolgreich: 3 Datensätze und Prüfsumme stimmen überein.');
    // only declared sum fields are read as numbers, so "1.200,50" and "1200.5" differ here
    const failure = await expectFailure(
      () => reconcileTestMigration(stepInput(data(ZIEL_GLEICH, { summenfelder: [] }))),
      'ReconciliationMismatch',
    );
    expect(failure.message).toContain('1001 (Betrag, Offen)');
  });

  it('fails with ReconciliationMismatch, a German report and structured details', async () => {
    const ziel = ZIEL_GLEICH.replace('99,99;1002', '9,99;1002').replace('10.50;10.00;1003;"Schmid ""Sepp""";c\n', '');
    const failure = await expectFailure(() => reconcileTestMigration(stepInput(data(ziel))), 'ReconciliationMismatch');
    expect(failure.message).toContain('Datensätze: Quelle 3, Ziel 2 – Differenz -1');
    expect(failure.message).toContain('Summe Betrag: Quelle 1.310,49, Ziel 1.210,49 – Differenz -100,00');
    expect(failure.message).toContain('Summe Offen: Quelle 110,50, Ziel 100,00 – Differenz -10,50');
    expect(failure.message).toContain('Im Ziel fehlende Schlüssel (1): 1003');
    expect(failure.message).toContain('Abweichende Datensätze (1): 1002 (Betrag)');
    // personal data (names) stays out of the report
    expect(failure.message).not.toContain('Maier');
    expect(failure.details?.[0]).toMatchObject({
      quelle: { records: 3 },
      ziel: { records: 2 },
      fehlendeSchluessel: ['1003'],
      anzahlFehlend: 1,
      abweichend: [{ key: '1002', columns: ['Betrag'] }],
    });
  });

  it.each([
    [{ zielCsv: undefined }, /zielCsv/],
    [{ schluessel: 'Aktenzeichen' }, /Schlüsselspalte: „Aktenzeichen“ ist in keinem der beiden Exporte eine Spalte/],
    [{ summenfelder: ['Betrag', 'Saldo'] }, /Summenfelder: „Saldo“ ist in keinem der beiden Exporte eine Spalte/],
    [{ summenfelder: 'Betrag' }, /Liste/],
    [{ summenfelder: ['Kassenzeichen'] }, /kann kein Summenfeld sein/],
  ])('rejects bad configuration %j', async (extra, message) => {
    const failure = await expectFailure(() => reconcileTestMigration(stepInput(data(ZIEL_GLEICH, extra))), 'UngueltigeEingabe');
    expect(failure.message).toMatch(message);
  });

  it('rejects broken CSV, empty keys and non-numeric amounts with line numbers', async () => {
    let failure = await expectFailure(
      () => reconcileTestMigration(stepInput(data('Kassenzeichen;Betrag\n1001;"offen'))),
      'UngueltigeEingabe',
    );
    expect(failure.message).toMatch(/Ziel: Zeile 2: Anführungszeichen/);
    failure = await expectFailure(
      () => reconcileTestMigration(stepInput(data(ZIEL_GLEICH, { quelleCsv: 'Kassenzeichen;Betrag;Offen\n;1;1' }))),
      'UngueltigeEingabe',
    );
    expect(failure.message).toContain('Quelle: Zeile 2: Schlüssel "Kassenzeichen" fehlt.');
    failure = await expectFailure(
      () => reconcileTestMigration(stepInput(data(ZIEL_GLEICH.replace('0,00;99,99', '0,00;neunzig')))),
      'UngueltigeEingabe',
    );
    expect(failure.message).toContain('Ziel: Zeile 4: "neunzig" in Spalte "Betrag" ist keine Zahl.');
  });
});
