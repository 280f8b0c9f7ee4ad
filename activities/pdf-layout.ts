// The common frame of the generated PDFs (offer, acceptance protocol): A4, a German letterhead, a footer with
// "Seite n von m" on every page. pdfkit's built-in Helvetica covers WinAnsi, so umlauts, ß and € need no font file.
import PDFDocument from 'pdfkit';
import { berlinDateTime } from '../domain/berlin-time';

/** The company as its papers name it: the name the web UI shows (web/src/components/layout.tsx, the sign-in page). */
export const SENDER = 'Kommunale IT Landsberg am Lech';

export type Pdf = PDFKit.PDFDocument;

/** A new A4 document with pages kept in memory until `finishPdf` numbers them. */
export function startPdf(title: string, subject: string, at: Date): Pdf {
  // the creation date is the document's own date, so the same input gives the same bytes (and hash)
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 70, left: 60, right: 60 }, bufferPages: true, lang: 'de-DE', info: { Title: title, Subject: subject, Author: SENDER, CreationDate: at } });
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#555555').text(SENDER, { align: 'right' });
  doc.moveDown(2).fillColor('#000000');
  return doc;
}

/** Numbers every page ("Seite n von m"), closes the document and returns its bytes. */
export function finishPdf(doc: Pdf, footer: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // writing inside the bottom margin would otherwise start a new page
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    const y = doc.page.height - 45;
    doc.text(footer, 60, y, { width: doc.page.width - 120, align: 'left', lineBreak: false });
    doc.text(`Seite ${i - range.start + 1} von ${range.count}`, 60, y, { width: doc.page.width - 120, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** A table row: text columns at fixed x offsets (relative to the left margin), widths given; returns nothing. */
export function row(doc: Pdf, cells: { text: string; width: number; align?: 'left' | 'right' }[], bold = false): void {
  const left = doc.page.margins.left;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
  const height = Math.max(...cells.map((c) => doc.heightOfString(c.text, { width: c.width })));
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  let x = left;
  for (const c of cells) {
    doc.text(c.text, x, y, { width: c.width, align: c.align ?? 'left' });
    x += c.width + 8;
  }
  doc.x = left;
  doc.y = y + height + 4;
}

/** "4. Dezember 2026" for an instant, in Bavarian time */
export function germanDate(at: Date): string {
  return new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' }).format(at);
}

/** "04.12.2026, 15:30 Uhr" for an instant, in Bavarian time (the CSV exports' berlinDateTime, as a sentence has it) */
export function germanDateTime(at: Date): string {
  return `${berlinDateTime(at.toISOString()).replace(' ', ', ')} Uhr`;
}
