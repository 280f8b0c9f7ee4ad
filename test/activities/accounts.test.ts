import { baseKennung, kennungPart, ouName, parseStaffList, planAccounts, planAccountsFor } from '../../activities/accounts';
import { expectFailure, stepInput, syncFailure } from './helpers';

const person = (vorname: string, nachname: string, organisationseinheit = 'Kämmerei') => ({ vorname, nachname, organisationseinheit });

describe('kennungPart', () => {
  it.each([
    ['Jürgen', 'juergen'],
    ['Weiß', 'weiss'],
    ['Öztürk', 'oeztuerk'],
    ['Karl-Heinz', 'karl-heinz'],
    ['Anna Maria', 'annamaria'],
    ['von der Heide', 'vonderheide'],
    ["O'Brien", 'obrien'],
    ['Dvořáková', 'dvorakova'],
    [' -Ärger- ', 'aerger'],
    ['Müller--Lüdenscheidt', 'mueller-luedenscheidt'],
  ])('%s → %s', (name, expected) => {
    expect(kennungPart(name)).toBe(expected);
  });
});

describe('baseKennung', () => {
  it('keeps short names whole and never exceeds 20 characters', () => {
    expect(baseKennung('max', 'huber')).toBe('max.huber');
    expect(baseKennung('maximilian', 'schwarzenberger')).toBe('maxi.schwarzenberger');
    expect(baseKennung('anna', 'schwarzenberger-hofmann')).toBe('a.schwarzenberger-ho');
    expect(baseKennung('anna', 'schwarzenbergerxx-hofmann')).toBe('a.schwarzenbergerxx');
    for (const k of [baseKennung('christopher', 'müller-lüdenscheidt'), baseKennung('x', 'y'.repeat(40))]) {
      expect(k.length).toBeLessThanOrEqual(20);
    }
  });
});

describe('planAccountsFor', () => {
  it('builds kennungen, OU paths and groups', () => {
    const plan = planAccountsFor('Dießen am Ammersee', [
      person('Jürgen', 'Weiß', 'Kämmerei'),
      person('Anna', 'Huber', 'Bürgerbüro'),
    ]);
    expect(plan.gemeindeOu).toBe('OU=Diessen am Ammersee,DC=kommunal,DC=local');
    expect(plan.accounts).toEqual([
      { kennung: 'juergen.weiss', ou: 'OU=Kaemmerei,OU=Benutzer,OU=Diessen am Ammersee,DC=kommunal,DC=local' },
      { kennung: 'anna.huber', ou: 'OU=Buergerbuero,OU=Benutzer,OU=Diessen am Ammersee,DC=kommunal,DC=local' },
    ]);
    expect(plan.groups).toEqual(['GG-diessen-am-ammersee-alle', 'GG-diessen-am-ammersee-kaemmerei', 'GG-diessen-am-ammersee-buergerbuero']);
  });

  it('resolves collisions with suffixes 2, 3 … against each other and existing accounts, case-insensitively', () => {
    const plan = planAccountsFor(
      'Penzing',
      [person('Max', 'Huber'), person('Max', 'Huber'), person('Mäx', 'Huber'), person('MAX', 'HUBER')],
      ['Max.Huber', 'max.huber3'],
    );
    expect(plan.accounts.map((a) => a.kennung)).toEqual(['max.huber2', 'max.huber4', 'maex.huber', 'max.huber5']);
  });

  it('keeps suffixed kennungen within 20 characters', () => {
    const plan = planAccountsFor('Igling', [person('Maximilian', 'Schwarzenberger'), person('Maximilian', 'Schwarzenberger')]);
    expect(plan.accounts.map((a) => a.kennung)).toEqual(['maxi.schwarzenberger', 'max.schwarzenberger2']);
    const many = planAccountsFor('Igling', Array.from({ length: 12 }, () => person('Bartholomäus', 'Oberhuber-Zwerger')));
    expect(many.accounts.every((a) => a.kennung.length <= 20)).toBe(true);
    expect(new Set(many.accounts.map((a) => a.kennung)).size).toBe(12);
    expect(many.accounts[11].kennung).toBe('b.oberhuber-zwerge12');
  });

  it('is stable: the same input yields the same plan', () => {
    const people = [person('Eva', 'Lang'), person('Eva', 'Lang', 'Bauamt'), person('Otto', 'Kurz', 'Bauamt')];
    expect(planAccountsFor('Fuchstal', people)).toEqual(planAccountsFor('Fuchstal', people));
  });

  it('treats OUs differing only in case as one, spelled as first seen', () => {
    const plan = planAccountsFor('Utting', [person('A', 'B', 'Bauamt'), person('C', 'D', 'BAUAMT')]);
    expect(new Set(plan.accounts.map((a) => a.ou))).toEqual(new Set(['OU=Bauamt,OU=Benutzer,OU=Utting,DC=kommunal,DC=local']));
    expect(plan.groups).toEqual(['GG-utting-alle', 'GG-utting-bauamt']);
  });

  it('makes OU names safe for a DN', () => {
    expect(ouName('Bau-, Umwelt & Ordnungsamt; Hof=1')).toBe('Bau- Umwelt Ordnungsamt Hof 1');
  });
});

describe('parseStaffList', () => {
  it('reads the three columns in any order', () => {
    expect(parseStaffList('Organisationseinheit;Nachname;Vorname\nBauamt;Huber;Anna\n')).toEqual([
      { vorname: 'Anna', nachname: 'Huber', organisationseinheit: 'Bauamt' },
    ]);
  });

  it('reports every bad line by number, never by name', () => {
    const failure = syncFailure(
      () => parseStaffList('Vorname;Nachname;Organisationseinheit\n;Huber;Bauamt\nAnna;李;Bauamt\nOtto;Geheim;\n'),
      'MitarbeiterlisteUngueltig',
    );
    expect(failure.message).toContain('Zeile 2: Vorname fehlt');
    expect(failure.message).toContain('Zeile 3: Nachname ohne lateinische Buchstaben');
    expect(failure.message).toContain('Zeile 4: Organisationseinheit fehlt');
    expect(failure.message).not.toMatch(/Huber|Anna|Geheim/);
  });

  it('reports a line with too few fields together with the other lines\' problems, in one round', () => {
    const failure = syncFailure(
      () => parseStaffList('Vorname;Nachname;Organisationseinheit\nAnna;Huber\nOtto;;Bauamt\n'),
      'MitarbeiterlisteUngueltig',
    );
    expect(failure.message).toContain('Zeile 2: 2 Felder statt 3 laut Kopfzeile.');
    expect(failure.message).toContain('Zeile 3: Nachname fehlt');
  });

  it('rejects a wrong header and an empty list', () => {
    expect(syncFailure(() => parseStaffList('Name;Abteilung\nx;y'), 'MitarbeiterlisteUngueltig').message).toMatch(
      /Vorname, Nachname, Organisationseinheit fehlen/,
    );
    expect(syncFailure(() => parseStaffList('Vorname;Nachname;Organisationseinheit\n'), 'MitarbeiterlisteUngueltig').message).toMatch(
      /keine Mitarbeitenden/,
    );
  });
});

describe('planAccounts', () => {
  it('returns count, groups and kennung/OU pairs without names', async () => {
    const csv = 'Vorname;Nachname;Organisationseinheit\nJürgen;Weiß;Kämmerei\nJürgen;Weiß;Bauamt\nAnna;Huber;Bauamt';
    const res = await planAccounts(stepInput({ mitarbeiterliste: csv, bestehendeKennungen: ['anna.huber'] }));
    expect(res.summary).toBe('Kontenplan: 3 Benutzerkonten in 2 Organisationseinheiten, 3 Gruppen.');
    expect(res.result).toEqual({
      anzahl: 3,
      gemeindeOu: 'OU=Kaufering,DC=kommunal,DC=local',
      gruppen: ['GG-kaufering-alle', 'GG-kaufering-kaemmerei', 'GG-kaufering-bauamt'],
      konten: [
        { kennung: 'juergen.weiss', ou: 'OU=Kaemmerei,OU=Benutzer,OU=Kaufering,DC=kommunal,DC=local' },
        { kennung: 'juergen.weiss2', ou: 'OU=Bauamt,OU=Benutzer,OU=Kaufering,DC=kommunal,DC=local' },
        { kennung: 'anna.huber2', ou: 'OU=Bauamt,OU=Benutzer,OU=Kaufering,DC=kommunal,DC=local' },
      ],
      kontenGekuerzt: false,
    });
    expect(JSON.stringify(res.result)).not.toMatch(/Jürgen|Weiß|Huber/);
  });

  it('caps the returned list at 1000 accounts but counts all', async () => {
    const rows = Array.from({ length: 1005 }, (_, i) => `Person;Nummer${String.fromCharCode(97 + (i % 26))}${i};Hauptamt`);
    const res = await planAccounts(stepInput({ mitarbeiterliste: ['Vorname;Nachname;Organisationseinheit', ...rows].join('\n') }));
    expect(res.result.anzahl).toBe(1005);
    expect(res.result.konten).toHaveLength(1000);
    expect(res.result.kontenGekuerzt).toBe(true);
  });

  it('rejects missing or malformed input fields', async () => {
    await expectFailure(() => planAccounts(stepInput({})), 'UngueltigeEingabe');
    await expectFailure(
      () => planAccounts(stepInput({ mitarbeiterliste: 'Vorname;Nachname;Organisationseinheit\nA;B;C', bestehendeKennungen: 'x' })),
      'UngueltigeEingabe',
    );
  });
});
