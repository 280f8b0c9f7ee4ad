// The type of an upload comes from its bytes: the signatures of the accepted kinds, and the refusals.
import { detectDocumentType } from '../../api/document-type';

/** a ZIP local file header naming `name` (enough for the detector, which reads the headers only) */
function zipEntry(name: string, content = ''): Buffer {
  const header = Buffer.alloc(30);
  header.write('PK\x03\x04', 0, 'latin1');
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name), Buffer.from(content, 'latin1')]);
}

const mime = (buf: Buffer) => {
  const d = detectDocumentType(buf);
  return d.ok ? d.type.mime : `refused: ${d.reason}`;
};

it('knows PDF, images, OOXML, OpenDocument, legacy Office and CSV by their content', () => {
  expect(mime(Buffer.from('%PDF-1.7\n…'))).toBe('application/pdf');
  expect(mime(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('image/png');
  expect(mime(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
  expect(mime(Buffer.concat([zipEntry('[Content_Types].xml'), zipEntry('xl/workbook.xml')]))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(mime(Buffer.concat([zipEntry('[Content_Types].xml'), zipEntry('word/document.xml')]))).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(mime(Buffer.concat([zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'), zipEntry('content.xml')]))).toBe('application/vnd.oasis.opendocument.text');
  expect(mime(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe('application/x-ole-storage');
  expect(mime(Buffer.from('\uFEFFAGS;Name\n09181128;Kaufering\n'))).toBe('text/csv');
});

it('refuses executables, scripts, plain ZIP archives, binary junk and empty files', () => {
  expect(mime(Buffer.from('MZ\x90\x00', 'latin1'))).toMatch(/refused: Ausführbare/);
  expect(mime(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toMatch(/refused: Ausführbare/);
  expect(mime(Buffer.from('#!/bin/sh\nrm -rf /;echo\n'))).toMatch(/refused: Ausführbare/);
  expect(mime(zipEntry('virus.exe'))).toMatch(/refused: ZIP-Archive/);
  expect(mime(Buffer.from([0, 1, 2, 3, 250, 251]))).toMatch(/refused: Erlaubt sind PDF/);
  expect(mime(Buffer.from('nur ein Satz ohne Trenner\n'))).toMatch(/refused: Erlaubt sind/);
  expect(mime(Buffer.alloc(0))).toMatch(/refused: Die Datei ist leer/);
});
