// What an uploaded file is, decided by its first bytes (its signature), never by its name or the type the browser
// claims: an executable renamed `.pdf` stays an executable. Only the kinds of paper an onboarding exchanges are
// accepted — PDF, images, office files (OOXML, OpenDocument, legacy Office), CSV. `file-type`, the maintained
// detector, is ESM-only and does not load in this CommonJS build; the few signatures needed are listed here.

export interface DetectedType {
  mime: string;
  /** what a user reads in a listing */
  label: string;
}

export type Detection = { ok: true; type: DetectedType } | { ok: false; reason: string };

const startsWith = (buf: Uint8Array, bytes: number[], at = 0): boolean => bytes.every((b, i) => buf[at + i] === b);
const ascii = (buf: Buffer, text: string, at = 0): boolean => buf.subarray(at, at + text.length).toString('latin1') === text;

// The signatures both checks of uploaded content read: documents (below) and form exports (api/export-file.ts).
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A ZIP archive (OOXML and OpenDocument files are ZIP archives). */
export const isZip = (buf: Uint8Array): boolean => startsWith(buf, ZIP);
/** A PDF document (a small one may hold no byte a text file could not). */
export const isPdf = (buf: Buffer): boolean => ascii(buf, '%PDF-');
/** An OLE compound file: Word, Excel and PowerPoint 97–2003. */
export const isOle = (buf: Uint8Array): boolean => startsWith(buf, OLE);
/** Control characters no text file holds (tab, line breaks and form feed aside): executables, images, archives. */
export const hasControlCharacters = (text: string): boolean => /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);

const OOXML: [string, DetectedType][] = [
  ['word/', { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word-Dokument' }],
  ['xl/', { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel-Tabelle' }],
  ['ppt/', { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint-Präsentation' }],
];

const ODF_LABELS: Record<string, string> = {
  'application/vnd.oasis.opendocument.text': 'OpenDocument-Text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument-Tabelle',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument-Präsentation',
};

/** Names of the entries in a ZIP archive, from its local file headers (enough to tell office formats apart). */
function zipEntryNames(buf: Buffer, max = 200): string[] {
  const names: string[] = [];
  for (let at = buf.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0 && names.length < max; at = buf.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    if (at + 30 > buf.length) break;
    const nameLength = buf.readUInt16LE(at + 26);
    names.push(buf.subarray(at + 30, at + 30 + nameLength).toString('utf8'));
  }
  return names;
}

function zipType(buf: Buffer): DetectedType | undefined {
  // OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the media type
  if (ascii(buf, 'mimetype', 30)) {
    const mime = buf.subarray(38, 38 + 80).toString('latin1').split(/[^\w./+-]/)[0].replace(/PK$/, '');
    const found = Object.keys(ODF_LABELS).find((m) => mime.startsWith(m) && !mime.startsWith(`${m}-`));
    if (found) return { mime: found, label: ODF_LABELS[found] };
  }
  const names = zipEntryNames(buf);
  if (!names.includes('[Content_Types].xml')) return undefined;
  return OOXML.find(([prefix]) => names.some((n) => n.startsWith(prefix)))?.[1];
}

/** CSV: UTF-8 text without control characters whose lines are separated by `;`, `,` or tabs. */
function isCsv(buf: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return false;
  }
  if (hasControlCharacters(text) || text.includes('\f')) return false;
  if (text.startsWith('#!')) return false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => /[;,\t]/.test(l));
}

const EXECUTABLE = 'Ausführbare Dateien und Skripte werden nicht angenommen.';

export function detectDocumentType(buf: Buffer): Detection {
  if (buf.length === 0) return { ok: false, reason: 'Die Datei ist leer.' };
  if (ascii(buf, 'MZ') || startsWith(buf, [0x7f, 0x45, 0x4c, 0x46]) || ascii(buf, '#!')
    || [[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((sig) => startsWith(buf, sig))) {
    return { ok: false, reason: EXECUTABLE };
  }
  if (isPdf(buf)) return { ok: true, type: { mime: 'application/pdf', label: 'PDF' } };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: { mime: 'image/png', label: 'PNG-Bild' } };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { ok: true, type: { mime: 'image/jpeg', label: 'JPEG-Bild' } };
  if (ascii(buf, 'GIF87a') || ascii(buf, 'GIF89a')) return { ok: true, type: { mime: 'image/gif', label: 'GIF-Bild' } };
  if (ascii(buf, 'RIFF') && ascii(buf, 'WEBP', 8)) return { ok: true, type: { mime: 'image/webp', label: 'WebP-Bild' } };
  if (ascii(buf, 'II*\0') || ascii(buf, 'MM\0*')) return { ok: true, type: { mime: 'image/tiff', label: 'TIFF-Bild' } };
  if (isOle(buf)) {
    return { ok: true, type: { mime: 'application/x-ole-storage', label: 'Office-Dokument (alt)' } };
  }
  if (isZip(buf)) {
    const office = zipType(buf);
    return office ? { ok: true, type: office } : { ok: false, reason: 'ZIP-Archive werden nur als Office-Dokumente angenommen.' };
  }
  if (isCsv(buf)) return { ok: true, type: { mime: 'text/csv', label: 'CSV-Tabelle' } };
  return { ok: false, reason: 'Erlaubt sind PDF, Bilder (PNG, JPEG, GIF, WebP, TIFF), Office-Dokumente und CSV.' };
}
