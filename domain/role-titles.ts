// The German name of each role, as people read it: on the acceptance protocol and in the year plan's teams.
// One copy on the server side; the web keeps its own (it reaches the API over HTTP only) and a test holds the two
// equal (test/web/labels.test.ts).
import type { Role } from './types';

export const ROLE_TITLES: Readonly<Record<Role, string>> = {
  vorstand: 'Vorstand',
  bereichsleitung: 'Bereichsleitung',
  projektleitung: 'Projektleitung',
  netzwerk: 'Netzwerk',
  arbeitsplatz: 'Arbeitsplatz',
  verfahren: 'Verfahren',
  datenschutz: 'Datenschutz',
  isb: 'Informationssicherheit',
  gemeinde: 'Gemeinde',
  admin: 'Administration',
};
