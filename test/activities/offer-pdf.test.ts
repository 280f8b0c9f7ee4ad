// The offer PDF: its text, read back with pdftotext (poppler-utils), holds the Gemeinde, its figures, the catalogue
// lines, the sums and page numbers; the wrapped activity stores it as a document and returns only id and hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueOffer } from '../../activities/offer';
import { renderOfferPdf, withOfferPdf } from '../../activities/offer-pdf';
import type { NewDocument } from '../../store/store';
import { stepInput } from './helpers';

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'offer-pdf-')), 'angebot.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const AT = new Date('2026-12-04T14:30:00Z');

it('renders the offer with the Gemeinde, its figures, the lines, the sums and page numbers', async () => {
  const { result } = await issueOffer(stepInput({ arbeitsplaetze: 12, verfahren: ['ok-fis', 'ok-ewo'], rabattProzent: 0 }));
  const pdf = await renderOfferPdf({ runId: 'onboarding-09181128', ags: '09181128', gemeindeName: 'Kaufering', offer: result, at: AT });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).toContain('Gemeinde Kaufering');
  expect(text).toContain('Amtlicher Gemeindeschlüssel 09181128');
  expect(text).toContain('4. Dezember 2026');
  expect(text).toMatch(/Arbeitsplätze\s+12/);
  expect(text).toMatch(/Arbeitsplatz-Rollout je Gerät/);
  // 12 × 189 € and the sums as computeOffer gave them, in German notation
  expect(text).toContain('2.268,00 €');
  expect(text).toMatch(new RegExp(`Einmalig\\s+${(result.einmaligEur as number).toLocaleString('de-DE', { minimumFractionDigits: 2 }).replace('.', '\\.')} €`));
  expect(text).toMatch(/Erstes Jahr \(einmalig \+ 12 Monate\)\s+[\d.]+,\d\d €/);
  expect(text).toMatch(/Seite 1 von \d+/);
});

it('shows a discount the offer carries and numbers every page of a long offer', async () => {
  const lines = Array.from({ length: 60 }, () => ({ serviceId: 'schulung', quantity: 1, totalEur: 640 }));
  const pdf = await renderOfferPdf({
    runId: 'onboarding-09181128', ags: '09181128', gemeindeName: 'Kaufering', at: AT,
    offer: { arbeitsplaetze: 3, verfahren: [], lines, rabattProzent: 10, rabattEur: 3840, einmaligEur: 34560, monatlichEur: 0, erstesJahrEur: 34560 },
  });
  const text = pdfText(pdf);
  expect(text).toMatch(/Rabatt\s+10 %/);
  expect(text).toMatch(/Rabatt\s+-3\.840,00 €/);
  const pages = Number(/Seite 1 von (\d+)/.exec(text)?.[1]);
  expect(pages).toBeGreaterThan(1);
  for (let n = 1; n <= pages; n++) expect(text).toContain(`Seite ${n} von ${pages}`);
});

it('stores the PDF as a document of the run and returns only its id and hash; a retry stores the same id', async () => {
  const saved: NewDocument[] = [];
  const save = async (doc: NewDocument) => {
    saved.push(doc);
    return { id: doc.id!, runId: doc.runId, ags: doc.ags, kind: doc.kind, name: doc.name, type: doc.type, size: doc.content.length, sha256: createHash('sha256').update(doc.content).digest('hex'), by: doc.by, at: AT.toISOString() };
  };
  const activity = withOfferPdf(issueOffer, { save }, () => AT);
  const input = stepInput({ arbeitsplaetze: 3, verfahren: ['ok-fis'], rabattProzent: 0 }, { runId: 'onboarding-09181128' });
  const first = await activity(input);
  const again = await activity(input);
  expect(saved).toHaveLength(2);
  expect(saved[0]).toMatchObject({ runId: 'onboarding-09181128', ags: '09181128', kind: 'angebot', name: 'Angebot Kaufering.pdf', type: 'application/pdf', by: 'system' });
  expect(saved[1].id).toBe(saved[0].id);
  expect(first.result.document).toEqual({ id: saved[0].id, sha256: createHash('sha256').update(saved[0].content).digest('hex') });
  expect(again.result.document).toEqual(first.result.document);
  expect(first.summary).toMatch(/^Freigegebenes Angebot:/);
});
