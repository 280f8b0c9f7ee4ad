// The IT-Servicekatalog an offer is priced from. Prices are net EUR; whole cents only, because offers sum in cents.

export type ServiceUnit = 'arbeitsplatz' | 'verfahren' | 'pauschal';
export type ServiceBilling = 'einmalig' | 'monatlich';

export interface Service {
  id: string;
  title: string;
  /** what the quantity counts: workstations, selected Verfahren, or once per Gemeinde */
  unit: ServiceUnit;
  billing: ServiceBilling;
  priceEur: number;
}

export const SERVICES: Service[] = [
  { id: 'projektpauschale', title: 'Projektpauschale Onboarding (Projektleitung, Bestandsaufnahme, Dokumentation)',
    unit: 'pauschal', billing: 'einmalig', priceEur: 8500 },
  { id: 'verfahrensmigration', title: 'Migration je Fachverfahren', unit: 'verfahren', billing: 'einmalig',
    priceEur: 1850 },
  { id: 'schulung', title: 'Schulung je Fachverfahren', unit: 'verfahren', billing: 'einmalig', priceEur: 640 },
  { id: 'arbeitsplatz-rollout', title: 'Arbeitsplatz-Rollout je Gerät (Imaging, Einrichtung, Übergabe)',
    unit: 'arbeitsplatz', billing: 'einmalig', priceEur: 189 },
  { id: 'netzanbindung-einrichtung', title: 'Netzanbindung Einrichtung (Router, Firewall, Standort-VPN)',
    unit: 'pauschal', billing: 'einmalig', priceEur: 2450 },
  { id: 'arbeitsplatz-betrieb', title: 'Arbeitsplatz-Betrieb (Client, Standardsoftware, Servicedesk)',
    unit: 'arbeitsplatz', billing: 'monatlich', priceEur: 68.5 },
  { id: 'fachverfahrensbetrieb', title: 'Server- und Fachverfahrensbetrieb je Verfahren', unit: 'verfahren',
    billing: 'monatlich', priceEur: 115 },
  { id: 'netzanbindung-betrieb', title: 'Netzanbindung Betrieb (Kommunales Behördennetz)', unit: 'pauschal',
    billing: 'monatlich', priceEur: 295 },
  { id: 'informationssicherheit', title: 'Informationssicherheit (ISB-Dienstleistung)', unit: 'pauschal',
    billing: 'monatlich', priceEur: 340 },
  { id: 'datenschutz', title: 'Datenschutz (Datenschutzbeauftragter)', unit: 'pauschal', billing: 'monatlich',
    priceEur: 260 },
];

export function findService(id: string): Service | undefined {
  return SERVICES.find((s) => s.id === id);
}
