// The kinds of paper a run's documents are, as people name them. The web keeps its own copy for the upload form and
// the tables (web/src/lib/labels.ts; its bundle does not import domain/), and test/web/labels.test.ts holds
// the two equal. Mails about a document name its kind from here.

/**
 * The kind of the draft the KU sends out to be signed (the contract, the AVV): the signed paper's kind with a suffix,
 * so that a draft never counts as the signed paper a step needs.
 */
export const templateKind = (kind: string): string => `${kind}-vorlage`;

export const isTemplateKind = (kind: string | undefined): boolean => kind !== undefined && kind.endsWith(templateKind(''));

/** The signed paper's kind a draft is for: `vertrag` for `vertrag-vorlage`. */
export const signedKindOf = (draftKind: string): string => draftKind.slice(0, -templateKind('').length);

export const DOCUMENT_KIND_LABELS: Readonly<Record<string, string>> = {
  angebot: 'Angebot',
  vertrag: 'Vertrag',
  [templateKind('vertrag')]: 'Vertrag – Vorlage zur Unterschrift',
  avv: 'AVV',
  [templateKind('avv')]: 'AVV – Vorlage zur Unterschrift',
  beschluss: 'Gemeinderatsbeschluss',
  abnahmeprotokoll: 'Abnahmeprotokoll',
  [templateKind('abnahmeprotokoll')]: 'Abnahmeprotokoll – Vorlage zur Unterschrift',
  vernichtungsnachweis: 'Vernichtungsnachweis',
  sonstiges: 'Sonstiges',
};

/** A kind as people read it; an unknown one (a client may send any code) as itself, none as „Dokument“. */
export const documentKindLabel = (kind: string | undefined): string => (kind ? (DOCUMENT_KIND_LABELS[kind] ?? kind) : 'Dokument');

/** Whom the mail about an uploaded paper goes to (activities/document-mail.ts): the run's lead, or the Gemeinde. */
export type DocumentAudience = 'leads' | 'gemeinde';

/** The input of workflow `documentMail`: ids only, the paper stays in PostgreSQL. */
export interface DocumentMailInput {
  documentId: string;
  audience: DocumentAudience;
}
