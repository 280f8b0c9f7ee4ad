import { CsvError, parseCsvRows, parseCsvTable } from '../../activities/csv';

describe('parseCsvRows', () => {
  it('splits on semicolons and line breaks (LF and CRLF) without an extra row for the final break', () => {
    expect(parseCsvRows('a;b;c\r\n1;2;3\n').map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });

  it('keeps separators, line breaks and doubled quotes inside quoted fields', () => {
    const rows = parseCsvRows('Name;Notiz\n"Huber; Max";"sagt ""Servus""\nzweite Zeile"\nx;y');
    expect(rows.map((r) => r.fields)).toEqual([
      ['Name', 'Notiz'],
      ['Huber; Max', 'sagt "Servus"\nzweite Zeile'],
      ['x', 'y'],
    ]);
    // the record after a multi-line field starts on physical line 4
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('handles empty fields, empty quoted fields and a trailing separator', () => {
    expect(parseCsvRows('a;;""\n;b;').map((r) => r.fields)).toEqual([['a', '', ''], ['', 'b', '']]);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(parseCsvRows('\uFEFFKey;Wert\n1;2')[0].fields).toEqual(['Key', 'Wert']);
  });

  it('supports another separator', () => {
    expect(parseCsvRows('a,"b,c"', ',')[0].fields).toEqual(['a', 'b,c']);
  });

  it('rejects an unterminated quote and stray quotes', () => {
    expect(() => parseCsvRows('a;"offen\nweiter')).toThrow(CsvError);
    expect(() => parseCsvRows('a;b"c')).toThrow(/Anführungszeichen mitten/);
    expect(() => parseCsvRows('"a"b;c')).toThrow(/kein Trennzeichen/);
  });

  it('names the line a quote left open starts on, not the end of the file where the parser notices', () => {
    expect(() => parseCsvRows('Kassenzeichen;Name;Betrag\nKZ1;"Meier;12,50\nKZ2;Huber;3\nKZ3;Maier;4\n')).toThrow('Zeile 2: Anführungszeichen wird nicht geschlossen.');
    expect(() => parseCsvRows('"a;b\nc')).toThrow('Zeile 1: Anführungszeichen wird nicht geschlossen.');
  });
});

describe('parseCsvTable', () => {
  it('maps records by header name and skips blank lines', () => {
    const table = parseCsvTable(' Key ;Betrag\n1;10,50\n\n2;3\n');
    expect(table.header).toEqual(['Key', 'Betrag']);
    expect(table.records).toEqual([
      { line: 2, values: { Key: '1', Betrag: '10,50' } },
      { line: 4, values: { Key: '2', Betrag: '3' } },
    ]);
  });

  it('lists ragged rows apart with their line numbers, keeping the other records', () => {
    expect(parseCsvTable('a;b\n1;2\n3\n4;5;6\n7;8')).toEqual({
      header: ['a', 'b'],
      records: [{ line: 2, values: { a: '1', b: '2' } }, { line: 5, values: { a: '7', b: '8' } }],
      raggedRows: ['Zeile 3: 1 Felder statt 2 laut Kopfzeile.', 'Zeile 4: 3 Felder statt 2 laut Kopfzeile.'],
    });
  });

  it('rejects empty files, empty and duplicate column names', () => {
    expect(() => parseCsvTable('\n\n')).toThrow(/leer/);
    expect(() => parseCsvTable('a;;b')).toThrow(/leere Spaltenüberschrift/);
    expect(() => parseCsvTable('a;b;a')).toThrow(/"a" kommt doppelt vor/);
  });
});
