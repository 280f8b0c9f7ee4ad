// Angebot / Kostenplan: prices the onboarding from the IT-Servicekatalog. Money is summed in whole cents.
import { ApplicationFailure } from '@temporalio/common';
import { SERVICES, type Service } from '../domain/catalog/services';
import { findVerfahren } from '../domain/catalog/verfahren';
import { FAILURE_TYPES, invalidInput, listFirst } from './failures';
import { formatEurCents } from './german-format';
import { readCount, readStringArray } from './input-fields';
import type { StepActivityInput, StepActivityResult } from './step-input';

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
  oneOffCents: number;
  monthlyCents: number;
  /** one-off plus twelve months of operation */
  firstYearCents: number;
}

/** Guards the cent arithmetic: results must stay exact integers in a double. */
const MAX_WORKSTATIONS = 100_000;

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
export function calculateOffer(workstations: number, verfahren: readonly string[], services: readonly Service[] = SERVICES): Offer {
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
  const oneOffCents = sum('einmalig');
  const monthlyCents = sum('monatlich');
  return {
    workstations,
    verfahren: unique,
    lines,
    oneOffCents,
    monthlyCents,
    firstYearCents: oneOffCents + 12 * monthlyCents,
  };
}

export function offerSummary(offer: Offer): string {
  return `Angebot: ${formatEurCents(offer.oneOffCents)} einmalig, ${formatEurCents(offer.monthlyCents)} monatlich`;
}

const centsToEur = (cents: number): number => cents / 100;

export async function computeOffer(input: StepActivityInput): Promise<StepActivityResult> {
  const workstations = readCount(input.data, 'workstations', 'Anzahl der Arbeitsplätze', MAX_WORKSTATIONS);
  const verfahren = readStringArray(input.data, 'verfahren', 'Ausgewählte Verfahren');
  const unknown = [...new Set(verfahren.filter((id) => !findVerfahren(id)))];
  if (unknown.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `Unbekannte Verfahren im Angebot: ${listFirst(unknown)}. Bitte die Auswahl im Verfahrenskatalog prüfen.`,
      FAILURE_TYPES.unknownVerfahren,
      { unknown: unknown.slice(0, 50) },
    );
  }
  if (workstations === 0 && verfahren.length === 0) {
    throw invalidInput('Für ein Angebot sind Arbeitsplätze oder Verfahren nötig; beides ist leer.');
  }
  const offer = calculateOffer(workstations, verfahren);
  return {
    summary: offerSummary(offer),
    result: {
      workstations: offer.workstations,
      verfahren: offer.verfahren,
      lines: offer.lines.map((l) => ({ serviceId: l.serviceId, quantity: l.quantity, totalEur: centsToEur(l.totalCents) })),
      einmaligEur: centsToEur(offer.oneOffCents),
      monatlichEur: centsToEur(offer.monthlyCents),
      erstesJahrEur: centsToEur(offer.firstYearCents),
    },
  };
}
