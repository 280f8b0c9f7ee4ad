// The Gemeinde portal's plain words: health reasons said for a town hall (whose turn, no error texts), and the
// glossary terms found in what the page shows.
import type { Run } from '../../web/src/api/types';
import { termsIn } from '../../web/src/lib/glossary';
import { plainReasons, plainStatus } from '../../web/src/lib/plain-health';

const steps = [
  { id: 'fragebogen', title: 'Grob-Fragebogen ausfüllen', phase: 'anbahnung', kind: 'manual', state: 'active', candidateRoles: ['gemeinde'] },
  { id: 'ip-vergabe', title: 'IP-Adressen vergeben', phase: 'netz', kind: 'automated', state: 'failed', candidateRoles: ['netzwerk'] },
] as Run['steps'];

it('says why a date moved in plain words, whose turn it is, and no technical error', () => {
  const run = {
    steps, projectedGoLive: '2027-10-14', targetGoLive: '2027-06-01',
    healthReasons: [
      { kind: 'late', stepId: 'fragebogen', text: '„Grob-Fragebogen ausfüllen“ 9 Arbeitstage überfällig; Go-live-Prognose 14.10.2027' },
      { kind: 'incident', stepId: 'ip-vergabe', text: 'Störung in „IP-Adressen vergeben“: ECONNREFUSED 10.0.0.1:443' },
      { kind: 'ambitious', text: 'Ambitioniertes Ziel: …' },
    ],
  } as Pick<Run, 'healthReasons' | 'steps' | 'projectedGoLive' | 'targetGoLive'>;
  const said = plainReasons(run);
  expect(said[0]).toBe('Der Termin verschiebt sich, weil „Grob-Fragebogen ausfüllen“ länger dauert als geplant – dieser Schritt liegt bei Ihnen. Voraussichtlicher Start im neuen Betrieb: 14.10.2027.');
  expect(said[1]).toBe('Bei „IP-Adressen vergeben“ gibt es gerade ein technisches Problem. Das KU kümmert sich darum; Sie müssen dafür nichts tun.');
  expect(said[1]).not.toContain('ECONNREFUSED');
  expect(said[2]).toMatch(/^Ihr Wunschtermin \(01\.06\.2027\) ist knapp geplant/);
  expect(plainStatus({ status: 'running', health: 'green', projectedGoLive: '2027-10-14' })).toBe('Alles läuft nach Plan. Voraussichtlicher Start im neuen Betrieb: 14.10.2027.');
});

it('finds the glossary terms a page shows, whole words only', () => {
  expect(termsIn(['Auftragsverarbeitungsvertrag (AVV, Art. 28 DSGVO)', 'Hypercare', 'Go/No-Go-Entscheidung']).map((g) => g.term))
    .toEqual(['AVV', 'DSGVO', 'Hypercare', 'Go/No-Go']);
  expect(termsIn(['AVVs werden geprüft', 'Kavaliersdelikt'])).toEqual([]);
});
