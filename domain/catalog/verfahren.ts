// The Verfahren catalogue (Fachverfahren, interfaces, registers) the KU operates. Bundled into workflows, so it
// stays flat literals (one file per group of categories, in catalogue order): no computation at import time but
// joining them.
import type { Verfahren } from '../types';
import { FINANZEN_BAUEN } from './verfahren-finanzen-bauen';
import { ORDNUNG_VERWALTUNG } from './verfahren-ordnung-verwaltung';
import { SOZIALES_INFRASTRUKTUR } from './verfahren-soziales-infrastruktur';

export const VERFAHREN_KATEGORIEN = [
  'Sicherheit/Ordnung',
  'Allg. Verwaltung',
  'Personenstand',
  'Wirtschaft',
  'Finanzen',
  'Bauen/Finanzen',
  'Bauen/Planen',
  'Bestattung',
  'Soziales',
  'Infrastruktur',
  'Schulen/Kultur',
  'Umwelt',
  'Gesundheit/Verbraucherschutz',
] as const;
export type VerfahrenKategorie = (typeof VERFAHREN_KATEGORIEN)[number];

export const VERFAHREN: Verfahren[] = [...ORDNUNG_VERWALTUNG, ...FINANZEN_BAUEN, ...SOZIALES_INFRASTRUKTUR];

export function findVerfahren(id: string): Verfahren | undefined {
  return VERFAHREN.find((v) => v.id === id);
}

/** Case-insensitive substring search on the name; an empty query matches everything. */
export function searchVerfahren(q: string): Verfahren[] {
  const needle = q.trim().toLowerCase();
  if (needle === '') return [...VERFAHREN];
  return VERFAHREN.filter((v) => v.name.toLowerCase().includes(needle));
}
