// Sample tenants from Landkreis Landsberg am Lech. Bundled into workflows: plain data, no I/O.
import type { Gemeinde } from '../types';

export const GEMEINDEN: Gemeinde[] = [
  { ags: '09181130', name: 'Landsberg am Lech', plz: '86899' },
  { ags: '09181128', name: 'Kaufering', plz: '86916' },
  { ags: '09181114', name: 'Dießen am Ammersee', plz: '86911' },
  { ags: '09181144', name: 'Utting am Ammersee', plz: '86919' },
  { ags: '09181132', name: 'Penzing', plz: '86929' },
  { ags: '09181123', name: 'Greifenberg', plz: '86926', vg: 'VG Schondorf' },
  { ags: '09181139', name: 'Schondorf am Ammersee', plz: '86938', vg: 'VG Schondorf' },
  { ags: '09181127', name: 'Igling', plz: '86859', vg: 'VG Igling' },
  { ags: '09181121', name: 'Fuchstal', plz: '86925', vg: 'VG Fuchstal' },
  { ags: '09181134', name: 'Prittriching', plz: '86931', vg: 'VG Prittriching' },
];

export function findGemeinde(ags: string): Gemeinde | undefined {
  return GEMEINDEN.find((g) => g.ags === ags);
}
