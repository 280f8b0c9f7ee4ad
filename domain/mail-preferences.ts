// Which kinds of mail there are and how each person wants them: immediately, in the daily digest (08:00
// Europe/Berlin), or not at all. One place for the kinds and their defaults, read by the mail delivery, the API and
// (by name) the settings page.
//
// Defaults: personal matters (assignment, reminder of my task, escalation, returned or rejected task, a broken step
// of my run, the welcome and the offer to a Gemeinde) come at once; a new task (or a reminder of an unclaimed one) for a team of more than three people waits
// for the digest, because any one of them may take it and a mail per task per member is noise; news of a run
// (milestones, completion) is not urgent either.

export const MAIL_KINDS = ['newTask', 'assigned', 'reminder', 'escalation', 'returned', 'incident', 'runNews', 'gemeinde'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_MODES = ['immediately', 'digest', 'none'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

/** A person's own choices; kinds not named follow the default. */
export type MailPreferences = Partial<Record<MailKind, MailMode>>;

/** German labels for the settings page and the digest's sections. */
export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  newTask: 'Neue Aufgaben für mein Team',
  assigned: 'Mir zugewiesene Aufgaben',
  reminder: 'Erinnerungen an fällige Aufgaben',
  escalation: 'Eskalationen überfälliger Aufgaben',
  returned: 'Zurückgegebene oder abgelehnte Aufgaben',
  incident: 'Störungen in meinen Vorgängen',
  runNews: 'Meilensteine und Abschluss meiner Vorgänge',
  gemeinde: 'Begrüßung und Angebot für unsere Gemeinde',
};

/** Kinds that concern the person themselves: they default to `immediately`, whatever the team's size. */
export const PERSONAL_KINDS: readonly MailKind[] = ['assigned', 'reminder', 'escalation', 'returned', 'incident', 'gemeinde'];

/** Teams larger than this get new tasks in the digest by default. */
export const DIGEST_TEAM_SIZE = 3;

/**
 * How a mail of `kind` reaches someone. `audience` is how many people the same mail goes to: a new task for a
 * team of more than three waits for the digest unless the person chose otherwise.
 */
export function mailMode(prefs: MailPreferences | undefined, kind: MailKind, audience: number): MailMode {
  const chosen = prefs?.[kind];
  if (chosen) return chosen;
  // a new task or a reminder sent to a whole large team is nobody's personal matter: any one of them may act
  if ((kind === 'newTask' || kind === 'reminder') && audience > DIGEST_TEAM_SIZE) return 'digest';
  if (PERSONAL_KINDS.includes(kind) || kind === 'newTask') return 'immediately';
  return 'digest';
}

/**
 * Every kind with the mode a person gets: their own choice, else the default. A reminder is shown as it reaches the
 * person it is for; a new task as it reaches their team, `teamSize` people (their largest team; unknown: a large one).
 */
export function effectivePreferences(prefs: MailPreferences, teamSize = DIGEST_TEAM_SIZE + 1): { kind: MailKind; label: string; mode: MailMode; personal: boolean }[] {
  return MAIL_KINDS.map((kind) => ({
    kind, label: MAIL_KIND_LABELS[kind], mode: mailMode(prefs, kind, kind === 'newTask' ? teamSize : 1), personal: PERSONAL_KINDS.includes(kind),
  }));
}

/** The calendar day in Bavaria of an instant, `YYYY-MM-DD`: a digest covers one such day. */
export function berlinDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
