import { findGemeinde, GEMEINDEN } from '../../domain/catalog/gemeinden';
import { findService, SERVICES } from '../../domain/catalog/services';
import { findVerfahren, searchVerfahren, VERFAHREN, VERFAHREN_KATEGORIEN } from '../../domain/catalog/verfahren';

describe('Gemeinden', () => {
  it('holds the ten sample Gemeinden with valid AGS and PLZ', () => {
    expect(GEMEINDEN).toHaveLength(10);
    for (const g of GEMEINDEN) {
      expect(g.ags).toMatch(/^09181\d{3}$/);
      expect(g.plz).toMatch(/^\d{5}$/);
      expect(g.name.trim()).not.toBe('');
    }
    expect(new Set(GEMEINDEN.map((g) => g.ags)).size).toBe(10);
  });

  it('knows the Verwaltungsgemeinschaften of DOMAIN.md', () => {
    expect(findGemeinde('09181123')).toEqual({ ags: '09181123', name: 'Greifenberg', plz: '86926', vg: 'VG Schondorf' });
    expect(findGemeinde('09181139')?.vg).toBe('VG Schondorf');
    expect(findGemeinde('09181134')).toMatchObject({ name: 'Prittriching', vg: 'VG Prittriching' });
    expect(findGemeinde('09181130')).toMatchObject({ name: 'Landsberg am Lech', plz: '86899' });
    expect(findGemeinde('09181130')?.vg).toBeUndefined();
    expect(findGemeinde('09181999')).toBeUndefined();
  });
});

describe('Verfahren', () => {
  it('holds at least 300 entries with unique kebab-case ids and unique names', () => {
    expect(VERFAHREN.length).toBeGreaterThanOrEqual(300);
    expect(new Set(VERFAHREN.map((v) => v.id)).size).toBe(VERFAHREN.length);
    expect(new Set(VERFAHREN.map((v) => v.name)).size).toBe(VERFAHREN.length);
    for (const v of VERFAHREN) expect(v.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('uses only the declared categories', () => {
    const categories: readonly string[] = VERFAHREN_KATEGORIEN;
    for (const v of VERFAHREN) expect(categories).toContain(v.category);
    for (const c of VERFAHREN_KATEGORIEN) expect(VERFAHREN.some((v) => v.category === c)).toBe(true);
  });

  // Every Verfahren DOMAIN.md names, with its category and (where given) vendor.
  const named: [string, string, string, string?][] = [
    ['ok-ewo', 'OK.EWO Einwohnermeldewesen', 'Sicherheit/Ordnung', 'AKDB'],
    ['ok-ewo-wahl', 'OK.EWO Wahlteil', 'Sicherheit/Ordnung', 'AKDB'],
    ['ok-vote', 'OK.VOTE Wahlorganisation', 'Allg. Verwaltung', 'AKDB'],
    ['pass-ausweis', 'Pass- und Ausweiswesen (PointID)', 'Sicherheit/Ordnung', 'AKDB'],
    ['autista', 'AutiSta Standesamt', 'Personenstand', 'Verlag für Standesamtswesen'],
    ['epr-server', 'ePR-Server', 'Personenstand', 'Verlag für Standesamtswesen'],
    ['diregista', 'DiRegiSta', 'Personenstand', 'Verlag für Standesamtswesen'],
    ['gewerbeanzeigen', 'Gewerbeanzeigen', 'Wirtschaft'],
    ['fundsachen', 'Fundsachen', 'Sicherheit/Ordnung'],
    ['vois-meldewesen', 'VOIS Meldewesen + Gebührenkasse', 'Sicherheit/Ordnung', 'HSH'],
    ['ok-fis', 'OK.FIS Finanzwesen', 'Finanzen', 'AKDB'],
    ['ok-finn', 'OK.FINN', 'Finanzen', 'AKDB'],
    ['grundsteuer', 'Grundsteuer', 'Finanzen'],
    ['gewerbesteuer', 'Gewerbesteuer', 'Finanzen'],
    ['hundesteuer', 'Hundesteuer', 'Finanzen'],
    ['wasser-abwassergebuehren', 'Wasser-/Abwassergebühren', 'Finanzen'],
    ['vollstreckung', 'Vollstreckung', 'Finanzen'],
    ['beitragswesen', 'Beitragswesen', 'Bauen/Finanzen', 'adKOMM'],
    ['e-rechnungseingang', 'E-Rechnungseingang (XRechnung)', 'Finanzen'],
    ['epayment', 'ePayment', 'Finanzen'],
    ['ok-pws', 'OK.PWS Personalwirtschaft', 'Allg. Verwaltung', 'AKDB'],
    ['zeiterfassung', 'Zeiterfassung', 'Allg. Verwaltung'],
    ['landkreis-gis', 'Landkreis-GIS', 'Bauen/Planen'],
    ['alkis-abruf', 'ALKIS-Abruf', 'Bauen/Planen'],
    ['xplanung', 'XPlanung', 'Bauen/Planen'],
    ['friedhofsverwaltung', 'Friedhofsverwaltung', 'Bestattung'],
    ['kita-portal', 'Kita-Portal', 'Soziales'],
    ['ok-kiwo', 'OK.KIWO', 'Soziales', 'AKDB'],
    ['dms-eakte', 'DMS/E-Akte', 'Allg. Verwaltung'],
    ['koala', 'KOALA Langzeitarchiv', 'Allg. Verwaltung', 'AKDB'],
    ['ratsinformationssystem', 'Ratsinformationssystem', 'Allg. Verwaltung', 'komuna'],
    ['buergerservice-portal', 'Bürgerservice-Portal + BayernID', 'Allg. Verwaltung'],
    ['ok-komm', 'OK.KOMM', 'Allg. Verwaltung', 'AKDB'],
    ['microsoft-365-apps', 'Microsoft 365 Apps', 'Infrastruktur'],
  ];

  // Objects, not tuples: a row shorter than the callback's parameter list would make jest pass `done`.
  const rows = named.map(([id, name, category, vendor]) => ({ id, name, category, vendor }));
  it.each(rows)('contains $id ($name)', ({ id, name, category, vendor }) => {
    const v = findVerfahren(id);
    expect(v).toBeDefined();
    expect(v).toMatchObject({ id, name, category });
    if (vendor) expect(v?.vendor).toBe(vendor);
  });

  it('keeps the examples of the tail (Bauantrag, Schulverwaltung, Feuerwehr, Jagdkataster …)', () => {
    for (const id of ['bauantragsverfahren', 'gaststaettenerlaubnis', 'schulverwaltung', 'bibliothekssoftware',
      'feuerwehrverwaltung', 'jagdkataster', 'strassenverzeichnis', 'vergabemanagement', 'anlagenbuchhaltung',
      'kassenverfahren']) {
      expect(findVerfahren(id)).toBeDefined();
    }
  });

  it('finds nothing for an unknown id', () => {
    expect(findVerfahren('gibt-es-nicht')).toBeUndefined();
  });

  it('searches case-insensitively by substring of the name', () => {
    const hits = searchVerfahren('ok.ewo');
    expect(hits.map((v) => v.id).sort()).toEqual(['ok-ewo', 'ok-ewo-wahl']);
    expect(searchVerfahren('STEUER').map((v) => v.id)).toEqual(
      expect.arrayContaining(['grundsteuer', 'gewerbesteuer', 'hundesteuer']),
    );
    expect(searchVerfahren('gebühr').every((v) => v.name.toLowerCase().includes('gebühr'))).toBe(true);
    expect(searchVerfahren('xyz-kein-treffer')).toEqual([]);
    expect(searchVerfahren('  ')).toHaveLength(VERFAHREN.length);
  });
});

describe('IT-Servicekatalog', () => {
  it('has unique ids, whole-cent prices and the onboarding services', () => {
    expect(new Set(SERVICES.map((s) => s.id)).size).toBe(SERVICES.length);
    for (const s of SERVICES) {
      expect(s.priceEur).toBeGreaterThan(0);
      expect(Math.round(s.priceEur * 100)).toBeCloseTo(s.priceEur * 100, 9);
    }
    expect(findService('arbeitsplatz-betrieb')).toMatchObject({ unit: 'arbeitsplatz', billing: 'monatlich' });
    expect(findService('fachverfahrensbetrieb')).toMatchObject({ unit: 'verfahren', billing: 'monatlich' });
    expect(findService('projektpauschale')).toMatchObject({ unit: 'pauschal', billing: 'einmalig' });
    expect(findService('verfahrensmigration')).toMatchObject({ unit: 'verfahren', billing: 'einmalig' });
    expect(findService('arbeitsplatz-rollout')).toMatchObject({ unit: 'arbeitsplatz', billing: 'einmalig' });
    expect(findService('schulung')).toMatchObject({ unit: 'verfahren', billing: 'einmalig' });
    expect(findService('netzanbindung-einrichtung')?.billing).toBe('einmalig');
    expect(findService('netzanbindung-betrieb')?.billing).toBe('monatlich');
    expect(findService('informationssicherheit')?.billing).toBe('monatlich');
    expect(findService('datenschutz')?.billing).toBe('monatlich');
  });
});
