// Angebot / Kostenplan: prices the onboarding from the IT-Servicekatalog. Money is summed in whole cents.
import { ApplicationFailure } from '@temporalio/common';
import { SERVICES, type Service } from '../domain/catalog/services';
import { findVerfahren } from '../domain/catalog/verfahren';
import { FAILURE_TYPES, invalidInput, listFirst } from './failures';
import { formatEurCents } from './german-format';
import type { StepActivityInput, StepActivityResult } from './step-input';
import { readStepInput } from './step-inputs';

export interface OfferLine {
  serviceId: string;
  title: string;
  billing: Service['billing'];
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

export interface Offer {
  workstations: number;
  verfahren: string[];
  lines: OfferLine[];
  /** discount on every line, in percent (0 before the offer is approved) */
  discountPercent: number;
  /** sums at list price, before the discount */
  listOneOffCents: number;
  listMonthlyCents: number;
  /** sums after the discount */
  oneOffCents: number;
  monthlyCents: number;
  /** one-off plus twelve months of operation */
  firstYearCents: number;
}

/** Guards the cent arithmetic: results must stay exact integers in a double. */
const MAX_WORKSTATIONS = 100_000;
const MAX_DISCOUNT_PERCENT = 30;

/** A sum less the discount, in whole cents (half a cent rounds up); the percentage counts to two decimals. */
function discounted(cents: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.round((cents * (10_000 - basisPoints)) / 10_000);
}

function toCents(priceEur: number, serviceId: string): number {
  const cents = Math.round(priceEur * 100);
  if (!Number.isFinite(priceEur) || priceEur < 0 || Math.abs(cents - priceEur * 100) > 1e-6) {
    throw new Error(`Leistung ${serviceId}: Preis ${priceEur} ist kein Betrag in ganzen Cent.`);
  }
  return cents;
}

function quantityFor(service: Service, workstations: number, verfahrenCount: number): number {
  switch (service.unit) {
    case 'arbeitsplatz':
      return workstations;
    case 'verfahren':
      return verfahrenCount;
    case 'pauschal':
      return 1;
  }
}

/** Pure: every catalogue service with a non-zero quantity becomes a line. Verfahren ids must already be valid. */
export function calculateOffer(
  workstations: number,
  verfahren: readonly string[],
  services: readonly Service[] = SERVICES,
  discountPercent = 0,
): Offer {
  if (!(discountPercent >= 0 && discountPercent <= MAX_DISCOUNT_PERCENT)) {
    throw invalidInput(`Der Rabatt von ${discountPercent} % liegt nicht zwischen 0 und ${MAX_DISCOUNT_PERCENT} %.`);
  }
  const unique = [...new Set(verfahren)];
  const lines: OfferLine[] = [];
  for (const service of services) {
    const quantity = quantityFor(service, workstations, unique.length);
    if (quantity === 0) continue;
    const unitPriceCents = toCents(service.priceEur, service.id);
    lines.push({
      serviceId: service.id,
      title: service.title,
      billing: service.billing,
      quantity,
      unitPriceCents,
      totalCents: quantity * unitPriceCents,
    });
  }
  const sum = (billing: Service['billing']): number =>
    lines.filter((l) => l.billing === billing).reduce((acc, l) => acc + l.totalCents, 0);
  const listOneOffCents = sum('einmalig');
  const listMonthlyCents = sum('monatlich');
  const oneOffCents = discounted(listOneOffCents, discountPercent);
  const monthlyCents = discounted(listMonthlyCents, discountPercent);
  return {
    workstations,
    verfahren: unique,
    lines,
    discountPercent,
    listOneOffCents,
    listMonthlyCents,
    oneOffCents,
    monthlyCents,
    firstYearCents: oneOffCents + 12 * monthlyCents,
  };
}

const formatPercent = (p: number): string => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(p);

export function offerSummary(offer: Offer, heading = 'Angebot'): string {
  const discount = offer.discountPercent > 0 ? ` (nach ${formatPercent(offer.discountPercent)} % Rabatt)` : '';
  return `${heading}: ${formatEurCents(offer.oneOffCents)} einmalig, ${formatEurCents(offer.monthlyCents)} monatlich${discount}`;
}

const centsToEur = (cents: number): number => cents / 100;

/** Prices the offer from the Fragebogen's workstations and the run's Verfahren, with the given discount. */
function priceOffer(arbeitsplaetze: number, verfahren: string[], discountPercent: number): Offer {
  const unknown = [...new Set(verfahren.filter((id) => !findVerfahren(id)))];
  if (unknown.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `Unbekannte Verfahren im Angebot: ${listFirst(unknown)}. Bitte die Auswahl im Verfahrenskatalog prüfen.`,
      FAILURE_TYPES.unknownVerfahren,
      { unknown: unknown.slice(0, 50) },
    );
  }
  if (arbeitsplaetze > MAX_WORKSTATIONS) {
    throw invalidInput(`Die Anzahl der Arbeitsplätze ist mit ${arbeitsplaetze} größer als das Höchstmaß ${MAX_WORKSTATIONS}.`);
  }
  if (arbeitsplaetze === 0 && verfahren.length === 0) {
    throw invalidInput('Für ein Angebot sind Arbeitsplätze oder Verfahren nötig; beides ist leer.');
  }
  return calculateOffer(arbeitsplaetze, verfahren, SERVICES, discountPercent);
}

/** Small enough for workflow history; the approval task shows it, so it carries list and discounted sums. */
function offerResult(offer: Offer): Record<string, unknown> {
  return {
    arbeitsplaetze: offer.workstations,
    verfahren: offer.verfahren,
    lines: offer.lines.map((l) => ({ serviceId: l.serviceId, title: l.title, quantity: l.quantity, totalEur: centsToEur(l.totalCents) })),
    ...(offer.discountPercent > 0
      ? { rabattProzent: offer.discountPercent, listeEinmaligEur: centsToEur(offer.listOneOffCents), listeMonatlichEur: centsToEur(offer.listMonthlyCents) }
      : {}),
    einmaligEur: centsToEur(offer.oneOffCents),
    monatlichEur: centsToEur(offer.monthlyCents),
    erstesJahrEur: centsToEur(offer.firstYearCents),
  };
}

/** The offer at list price, from what the Gemeinde answered in the Fragebogen; "Angebot freigeben" shows it. */
export async function computeOffer(input: StepActivityInput): Promise<StepActivityResult> {
  const { arbeitsplaetze, verfahren, workstations } = readStepInput('computeOffer', input.data);
  const offer = priceOffer(arbeitsplaetze, verfahren, 0);
  // the offer bills the Fragebogen's count while the rollout batches were cut from the start's estimate: whoever
  // approves the offer sees where the two part, before the Gemeinde is billed for one and equipped for the other
  const hinweis = workstations !== undefined && workstations !== arbeitsplaetze
    ? `Der Fragebogen nennt ${arbeitsplaetze} Arbeitsplätze, beim Start geplant (und in Rollout-Chargen eingeteilt) sind ${workstations}. `
      + 'Das Angebot rechnet mit dem Fragebogen; bitte die Chargen des Vorgangs angleichen oder die Zahl mit der Gemeinde klären.'
    : undefined;
  return { summary: offerSummary(offer), result: { ...offerResult(offer), ...(hinweis ? { hinweis } : {}) } };
}

/** The approved offer: the same prices less the discount set at "Angebot freigeben". */
export async function issueOffer(input: StepActivityInput): Promise<StepActivityResult> {
  const { arbeitsplaetze, verfahren, rabattProzent } = readStepInput('issueOffer', input.data);
  const offer = priceOffer(arbeitsplaetze, verfahren, rabattProzent);
  return { summary: offerSummary(offer, 'Freigegebenes Angebot'), result: offerResult(offer) };
}
