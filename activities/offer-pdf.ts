// The offer (Angebot) as a PDF, made where the offer is computed: the step activity `computeOffer` is wrapped, its
// result rendered with the Gemeinde's own figures and stored as a document of the run. Only the document's id and
// SHA-256 go back into the step result (and so into workflow history), never the PDF.
import { createHash } from 'node:crypto';
import { findGemeinde } from '../domain/catalog/gemeinden';
import { SERVICES } from '../domain/catalog/services';
import { findVerfahren } from '../domain/catalog/verfahren';
import type { DocumentStore } from '../store/store';
import { formatEurCents, formatInteger } from './german-format';
import { finishPdf, germanDate, row, startPdf } from './pdf-layout';
import type { StepActivityInput, StepActivityResult } from './step-input';

export interface OfferPdfInput {
  runId: string;
  ags: string;
  gemeindeName: string;
  /** the result of computeOffer (lines, sums in EUR, optionally a discount) */
  offer: Record<string, unknown>;
  at: Date;
}

const cents = (eur: unknown): number | undefined => (typeof eur === 'number' && Number.isFinite(eur) ? Math.round(eur * 100) : undefined);
const eur = (value: unknown): string => {
  const c = cents(value);
  return c === undefined ? '–' : formatEurCents(c);
};

interface Line {
  serviceId: string;
  quantity: number;
  totalEur: number;
}

function linesOf(offer: Record<string, unknown>): Line[] {
  return Array.isArray(offer.lines) ? (offer.lines as Line[]).filter((l) => l && typeof l.serviceId === 'string') : [];
}

/** A discount in the offer, whatever the calculation calls it: percent and/or amount. */
function discountOf(offer: Record<string, unknown>): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const [key, value] of Object.entries(offer)) {
    if (!/rabatt|discount/i.test(key) || value === 0 || value === null || value === undefined) continue;
    if (typeof value === 'number') {
      out.push(/prozent|percent/i.test(key) ? { label: 'Rabatt', value: `${String(value).replace('.', ',')} %` } : { label: 'Rabatt', value: `-${eur(Math.abs(value))}` });
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'number' && v !== 0) out.push({ label: `Rabatt (${k})`, value: /prozent|percent/i.test(k) ? `${String(v).replace('.', ',')} %` : `-${eur(Math.abs(v))}` });
      }
    }
  }
  return out;
}

export function renderOfferPdf(input: OfferPdfInput): Promise<Buffer> {
  const { offer } = input;
  const gemeinde = findGemeinde(input.ags);
  const doc = startPdf(`Angebot ${input.gemeindeName}`, 'Angebot und Kostenplan Onboarding', input.at);
  doc.font('Helvetica').fontSize(10).text(`Gemeinde ${input.gemeindeName}`);
  if (gemeinde) doc.text(`${gemeinde.plz} ${gemeinde.name}`);
  doc.text(`Amtlicher Gemeindeschlüssel ${input.ags}`);
  doc.moveDown(1.5);
  doc.text(`Datum: ${germanDate(input.at)}`, { align: 'right' });
  doc.text(`Vorgang: ${input.runId}`, { align: 'right' });
  doc.moveDown(1);
  doc.font('Helvetica-Bold').fontSize(14).text('Angebot: Aufnahme in die Betreuung (Onboarding)');
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(10).text(
    'Sehr geehrte Damen und Herren, auf Grundlage Ihrer Angaben bieten wir Ihnen die folgenden Leistungen aus unserem '
    + 'IT-Servicekatalog an. Alle Preise verstehen sich netto.',
  );
  doc.moveDown(1);

  doc.font('Helvetica-Bold').fontSize(11).text('Ihre Angaben');
  doc.moveDown(0.3);
  const verfahren = Array.isArray(offer.verfahren) ? (offer.verfahren as string[]) : [];
  row(doc, [{ text: 'Arbeitsplätze', width: 200 }, { text: typeof offer.arbeitsplaetze === 'number' ? formatInteger(offer.arbeitsplaetze) : '–', width: 260 }]);
  row(doc, [{ text: 'Fachverfahren', width: 200 }, { text: verfahren.length ? verfahren.map((id) => findVerfahren(id)?.name ?? id).join(', ') : 'keine', width: 260 }]);
  doc.moveDown(1);

  doc.font('Helvetica-Bold').fontSize(11).text('Leistungen');
  doc.moveDown(0.3);
  const widths = [210, 70, 40, 70, 70] as const;
  row(doc, [
    { text: 'Leistung', width: widths[0] }, { text: 'Abrechnung', width: widths[1] }, { text: 'Menge', width: widths[2], align: 'right' },
    { text: 'Einzelpreis', width: widths[3], align: 'right' }, { text: 'Gesamt', width: widths[4], align: 'right' },
  ], true);
  for (const line of linesOf(offer)) {
    const service = SERVICES.find((s) => s.id === line.serviceId);
    row(doc, [
      { text: service?.title ?? line.serviceId, width: widths[0] },
      { text: service?.billing ?? '', width: widths[1] },
      { text: formatInteger(line.quantity), width: widths[2], align: 'right' },
      { text: service ? eur(service.priceEur) : '–', width: widths[3], align: 'right' },
      { text: eur(line.totalEur), width: widths[4], align: 'right' },
    ]);
  }
  doc.moveDown(1);

  doc.font('Helvetica-Bold').fontSize(11).text('Summen');
  doc.moveDown(0.3);
  const sums: { label: string; value: string }[] = [
    ...discountOf(offer),
    { label: 'Einmalig', value: eur(offer.einmaligEur) },
    { label: 'Monatlich', value: eur(offer.monatlichEur) },
    { label: 'Erstes Jahr (einmalig + 12 Monate)', value: eur(offer.erstesJahrEur) },
  ];
  for (const s of sums) row(doc, [{ text: s.label, width: 300 }, { text: s.value, width: 176, align: 'right' }]);
  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(10).text(
    'Das Angebot gilt drei Monate ab Datum. Mit dem Beschluss des Gemeinderats und dem unterzeichneten Vertrag beginnt '
    + 'die Umsetzung nach dem gemeinsam abgestimmten Zeitplan.',
  );
  doc.moveDown(1);
  doc.text('Mit freundlichen Grüßen');
  doc.text('Ihre Projektleitung');
  return finishPdf(doc, `Angebot ${input.gemeindeName} · ${input.runId}`);
}

type StepActivity = (input: StepActivityInput) => Promise<StepActivityResult>;

/**
 * An offer step with its PDF (the released offer, issueOffer): the document id is the run and a hash of the offer, so a retried activity stores
 * nothing twice, and a corrected offer (step repeated with other input) becomes a new document beside the old one.
 */
export function withOfferPdf(compute: StepActivity, documents: Pick<DocumentStore, 'save'>, now: () => Date = () => new Date()): StepActivity {
  return async (input) => {
    const computed = await compute(input);
    const fingerprint = createHash('sha256').update(JSON.stringify(computed.result)).digest('hex').slice(0, 16);
    const pdf = await renderOfferPdf({ runId: input.runId, ags: input.ags, gemeindeName: input.gemeindeName, offer: computed.result, at: now() });
    const saved = await documents.save({
      id: `${input.runId}:angebot:${fingerprint}`,
      runId: input.runId,
      ags: input.ags,
      kind: 'angebot',
      name: `Angebot ${input.gemeindeName}.pdf`,
      type: 'application/pdf',
      content: pdf,
      by: 'system',
    }, { generated: true });
    return { ...computed, result: { ...computed.result, document: { id: saved.id, sha256: saved.sha256 } } };
  };
}
