// Valid form data for every task form, as a diligent user would enter it. Used by the API bot (end-to-end test,
// benchmarks) and handy for trying the system by hand.
import { berlinDate } from '../domain/berlin-time';
import type { FormId } from '../domain/types';

// the date in Bavaria: the API checks dates against it (not in the future, acceptance not before go-live)
const today = (): string => berlinDate(new Date());

const STAFF_CSV = [
  'Vorname;Nachname;Organisationseinheit',
  'Anna;Müller;Hauptamt',
  'Thomas;Müller;Kämmerei',
  'Anna;Müller;Bauamt',
  'Jürgen;Groß;Bürgerbüro',
  'Eva-Maria;Schäfer;Standesamt',
].join('\n');

const INVENTORY_CSV = [
  'Hostname;Seriennummer;MAC;Betriebssystem;Modell',
  'RH-PC-001;SN1001;00:1A:2B:3C:4D:01;Windows 10;Fujitsu Esprimo',
  'RH-PC-002;SN1002;00:1A:2B:3C:4D:02;Windows 10;Fujitsu Esprimo',
  'RH-NB-003;SN1003;00:1A:2B:3C:4D:03;Windows 11;Lenovo ThinkPad',
].join('\n');

const EXPORT_CSV = ['Kassenzeichen;Name;Offener Betrag', '1001;Huber;120,50', '1002;"Maier; Josef";0,00', '1003;Schmid;99,99'].join('\n');

export function sampleFormData(formId: FormId): Record<string, unknown> {
  switch (formId) {
    case 'erledigt': return { bemerkung: 'Erledigt.' };
    case 'fragebogen': return { arbeitsplaetze: 42, server: 3, verfahrenAnzahl: 25, mitarbeiterliste: STAFF_CSV };
    case 'angebotFreigabe': return { freigegeben: true, rabattProzent: 5 };
    case 'beschluss': return { beschlussDatum: today(), aktenzeichen: 'TOP 7' };
    case 'vertrag': return { unterzeichnetAm: today() };
    case 'avv': return { unterzeichnetAm: today(), tomGeprueft: true, unterauftragnehmerGeprueft: true };
    case 'vvt': return { aktualisiertAm: today() };
    case 'altvertraege': return { anzahlVertraege: 12 };
    case 'inventur': return { inventarCsv: INVENTORY_CSV, vorOrtGeprueft: true };
    case 'verfahrensliste': return { anzahlVerfahren: 25 };
    case 'netzAufnahme': return { firewall: 'Sophos XGS 2100', datensicherung: 'Veeam, täglich inkrementell', ismsStatus: 'isis12' };
    case 'gapAnalyse': return { luecken: 'Kein zentrales Patchmanagement; Backup ohne Offline-Kopie.' };
    case 'schutzbedarf': return { schutzbedarf: 'hoch', risikenAkzeptiert: true };
    case 'schulung': return { datum: today(), teilnehmende: 12 };
    case 'goNoGo': return { entscheidung: 'go' };
    case 'abnahme': return { abnahmeDatum: today() };
    case 'steckbrief': return { fachamt: 'Kämmerei', keyUser: 'Sachbearbeitung Kasse', version: '2026.2', betriebsart: 'rechenzentrum' };
    case 'testMigration': return { quelleCsv: EXPORT_CSV, zielCsv: EXPORT_CSV, schluessel: 'Kassenzeichen', summenfelder: ['Offener Betrag'] };
    case 'funktionstest': return { testfaelle: 40, fehlgeschlagen: 0 };
    case 'uebergabe': return { uebergabeDatum: today(), protokollUnterschrieben: true };
    case 'geraeteErfassung': return { geraete: 10, standort: 'Rathaus' };
    case 'umstellung': return { schliesstag: today(), produktivAb: today(), datensaetzeExport: 1250, datensaetzeUebernommen: 1250 };
    case 'vernichtung': return { schutzklasse: '2', sicherheitsstufe: 'H-4', nachweisNummer: 'VN-2026-001' };
  }
}
