// The one glossary of the Gemeinde portal: terms that remain after plain words, each explained for readers outside
// IT. components/glossary.tsx marks them where they appear (<abbr> with the explanation) and lists the ones shown.
export interface GlossaryEntry {
  term: string;
  /** written out, where the term is an abbreviation */
  long?: string;
  explanation: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: 'AVV', long: 'Auftragsverarbeitungsvertrag', explanation: 'Vertrag nach Art. 28 DSGVO: Er regelt, wie das KU personenbezogene Daten Ihrer Gemeinde in Ihrem Auftrag verarbeiten darf. Ohne ihn dürfen wir nicht auf Ihre Systeme zugreifen.' },
  { term: 'DSGVO', long: 'Datenschutz-Grundverordnung', explanation: 'Das europäische Datenschutzrecht.' },
  { term: 'VVT', long: 'Verzeichnis von Verarbeitungstätigkeiten', explanation: 'Die Liste, in der Ihre Gemeinde festhält, welche personenbezogenen Daten sie wofür verarbeitet.' },
  { term: 'TOM', long: 'technische und organisatorische Maßnahmen', explanation: 'Wie die Daten geschützt werden, z. B. Zutrittskontrolle, Verschlüsselung, Datensicherung.' },
  { term: 'MFA', long: 'Mehr-Faktor-Anmeldung', explanation: 'Anmeldung mit Passwort und einem zweiten Nachweis, etwa einem Code auf dem Diensthandy.' },
  { term: 'MX', long: 'Mail-Eintrag', explanation: 'Der Eintrag im Internet, der festlegt, wohin E-Mails an Ihre Gemeinde zugestellt werden. Wird er umgestellt, kommen die Mails beim KU an.' },
  { term: 'Hypercare', explanation: 'Die ersten Wochen nach der Umstellung: Wir sind besonders schnell erreichbar und schauen täglich, ob alles läuft.' },
  { term: 'Go/No-Go', explanation: 'Die gemeinsame Entscheidung kurz vor der Umstellung: Ist alles bereit („Go“), oder verschieben wir („No-Go“)?' },
  { term: 'Produktivsetzung', explanation: 'Der Moment, ab dem das neue System im Alltag genutzt wird.' },
  { term: 'Go-live', explanation: 'Der Tag, ab dem Ihre Gemeinde im Alltag mit dem neuen Betrieb arbeitet.' },
  { term: 'Anbahnung', explanation: 'Die Zeit vor dem Vertrag: Kennenlernen, Fragebogen, Angebot und Beschluss Ihres Gemeinderats.' },
  { term: 'Abnahme', explanation: 'Sie bestätigen schriftlich, dass alles wie vereinbart funktioniert (Abnahmeprotokoll).' },
  { term: 'Zweckvereinbarung', explanation: 'Vertrag zwischen Ihrer Gemeinde und dem KU nach Art. 7 KommZG (Gesetz über die kommunale Zusammenarbeit).' },
  { term: 'KommZG', long: 'Gesetz über die kommunale Zusammenarbeit', explanation: 'Das bayerische Gesetz, nach dem Gemeinden und das KU zusammenarbeiten.' },
  { term: 'Verfahren', explanation: 'Ein Fachprogramm Ihrer Verwaltung, z. B. Einwohnermeldewesen oder Finanzwesen.' },
  { term: 'Migration', explanation: 'Der Umzug eines Fachprogramms mit seinen Daten in den Betrieb des KU.' },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds every glossary term in a text: whole words only, longest first. */
export const TERM_PATTERN = new RegExp(`(?<![\\p{L}\\d-])(${[...GLOSSARY].sort((a, b) => b.term.length - a.term.length).map((g) => escape(g.term)).join('|')})(?![\\p{L}\\d])`, 'gu');

export function glossaryEntry(term: string): GlossaryEntry | undefined {
  return GLOSSARY.find((g) => g.term === term);
}

/** The glossary terms that occur in these texts, in the glossary's order. */
export function termsIn(texts: readonly string[]): GlossaryEntry[] {
  const found = new Set(texts.flatMap((t) => [...t.matchAll(TERM_PATTERN)].map((m) => m[1])));
  return GLOSSARY.filter((g) => found.has(g.term));
}
