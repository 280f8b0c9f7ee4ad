// Account plan for the Gemeinde's staff: user names by the KU's naming convention, the OU per
// Organisationseinheit and the groups. Names go in, only Kennungen and OUs come out.
import { ApplicationFailure } from '@temporalio/common';
import { CsvError, missingColumns, parseCsvTable } from './csv';
import { FAILURE_TYPES, invalidInput, listFirst } from './failures';
import { formatInteger } from './german-format';
import type { StepActivityInput, StepActivityResult } from './step-input';
import { readStepInput } from './step-inputs';
import { slugify, transliterateGerman } from './transliterate';

/** sAMAccountName of a user may hold at most 20 characters. */
export const MAX_KENNUNG_LENGTH = 20;
const MAX_RETURNED_ACCOUNTS = 1000;
const MAX_OU_NAME_LENGTH = 64;
const DOMAIN_DN = 'DC=kommunal,DC=local';
const COLUMNS = ['Vorname', 'Nachname', 'Organisationseinheit'] as const;

export interface Person {
  vorname: string;
  nachname: string;
  organisationseinheit: string;
}

export interface PlannedAccount {
  kennung: string;
  ou: string;
}

export interface AccountPlan {
  gemeindeOu: string;
  accounts: PlannedAccount[];
  groups: string[];
}

/** One part of a Kennung: lower-case ASCII letters; spaces and apostrophes vanish, inner hyphens stay. */
export function kennungPart(name: string): string {
  return transliterateGerman(name)
    .toLowerCase()
    .replace(/[^a-z-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

function trimSeparators(s: string): string {
  return s.replace(/[.-]+$/, '');
}

/**
 * `vorname.nachname`, shortened to fit: the first name gives way first (down to its initial), then the
 * surname, so colleagues still recognise each other's Kennung.
 */
export function baseKennung(vorname: string, nachname: string, maxLength = MAX_KENNUNG_LENGTH): string {
  const full = `${vorname}.${nachname}`;
  if (full.length <= maxLength) return full;
  const roomForVorname = maxLength - 1 - nachname.length;
  if (roomForVorname >= 1) return `${trimSeparators(vorname.slice(0, roomForVorname))}.${nachname}`;
  return trimSeparators(`${vorname[0]}.${nachname}`.slice(0, maxLength));
}

/** The suffix takes its room from the first name too, before the surname is cut. */
function withSuffix(vorname: string, nachname: string, n: number): string {
  const suffix = String(n);
  return `${baseKennung(vorname, nachname, MAX_KENNUNG_LENGTH - suffix.length)}${suffix}`;
}

/** An OU name safe in a DN without escaping: letters, digits, space, dot, underscore, hyphen. */
export function ouName(text: string): string {
  return transliterateGerman(text)
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_OU_NAME_LENGTH)
    .trim();
}

/**
 * Pure: Kennungen in input order, collision-free against each other and the existing ones (case-insensitive);
 * the n-th holder of a name gets the suffix n (2, 3, …). The same input always yields the same plan.
 */
export function planAccountsFor(gemeindeName: string, people: readonly Person[], existing: readonly string[] = []): AccountPlan {
  const gemeindeOuName = ouName(gemeindeName);
  const gemeindeSlug = slugify(gemeindeName);
  if (gemeindeOuName === '' || gemeindeSlug === '') {
    throw invalidInput(`Aus dem Gemeindenamen "${gemeindeName}" lässt sich keine OU bilden.`);
  }
  const gemeindeOu = `OU=${gemeindeOuName},${DOMAIN_DN}`;
  const taken = new Set(existing.map((k) => k.trim().toLowerCase()));
  // AD compares DNs case-insensitively: "Bauamt" and "BAUAMT" are one OU, spelled as first seen.
  const units = new Map<string, string>();
  const accounts: PlannedAccount[] = [];

  for (const person of people) {
    const vorname = kennungPart(person.vorname);
    const nachname = kennungPart(person.nachname);
    if (vorname === '' || nachname === '') {
      throw invalidInput(`Person Nr. ${accounts.length + 1}: Aus dem Namen lässt sich keine Kennung bilden.`);
    }
    let kennung = baseKennung(vorname, nachname);
    for (let n = 2; taken.has(kennung); n++) kennung = withSuffix(vorname, nachname, n);
    taken.add(kennung);

    const unit = ouName(person.organisationseinheit);
    const unitKey = unit.toLowerCase();
    if (!units.has(unitKey)) units.set(unitKey, unit);
    accounts.push({ kennung, ou: `OU=${units.get(unitKey)},OU=Benutzer,${gemeindeOu}` });
  }

  const groups = [
    `GG-${gemeindeSlug}-alle`,
    ...[...units.values()].map((u) => `GG-${gemeindeSlug}-${slugify(u)}`),
  ];
  return { gemeindeOu, accounts, groups: [...new Set(groups)] };
}

/**
 * Reads the staff list and lists every problem by line number only, never by name. The task form runs it when the
 * list is submitted and the account step runs it again, so both refuse the same lists alike.
 */
export function checkStaffList(csv: string): { problems: string[]; people: Person[] } {
  let table;
  try {
    table = parseCsvTable(csv);
  } catch (err) {
    if (err instanceof CsvError) return { problems: [err.message], people: [] };
    throw err;
  }
  const absent = missingColumns(table, COLUMNS);
  if (absent.length > 0) {
    return { problems: [`Spalte(n) ${absent.join(', ')} fehlen; erwartet wird die Kopfzeile ${COLUMNS.join(';')}.`], people: [] };
  }
  const problems = [...table.raggedRows];
  const people: Person[] = [];
  for (const record of table.records) {
    const person: Person = {
      vorname: record.values.Vorname.trim(),
      nachname: record.values.Nachname.trim(),
      organisationseinheit: record.values.Organisationseinheit.trim(),
    };
    if (person.vorname === '') problems.push(`Zeile ${record.line}: Vorname fehlt`);
    else if (kennungPart(person.vorname) === '') problems.push(`Zeile ${record.line}: Vorname ohne lateinische Buchstaben`);
    if (person.nachname === '') problems.push(`Zeile ${record.line}: Nachname fehlt`);
    else if (kennungPart(person.nachname) === '') problems.push(`Zeile ${record.line}: Nachname ohne lateinische Buchstaben`);
    if (!/[A-Za-z0-9]/.test(ouName(person.organisationseinheit))) {
      problems.push(`Zeile ${record.line}: Organisationseinheit fehlt oder ist unbrauchbar`);
    }
    people.push(person);
  }
  if (problems.length === 0 && people.length === 0) problems.push('Die Liste enthält keine Mitarbeitenden.');
  return { problems, people };
}

/** The staff list's people, or a non-retryable failure naming every problem. */
export function parseStaffList(csv: string): Person[] {
  const { problems, people } = checkStaffList(csv);
  if (problems.length > 0) throw invalidList(problems);
  return people;
}

function invalidList(problems: string[]): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `Die Mitarbeiterliste ist fehlerhaft: ${listFirst(problems, 20)}`,
    FAILURE_TYPES.invalidStaffList,
  );
}

export async function planAccounts(input: StepActivityInput): Promise<StepActivityResult> {
  const { mitarbeiterliste, bestehendeKennungen: existing = [] } = readStepInput('planAccounts', input.data);
  const people = parseStaffList(mitarbeiterliste);
  const plan = planAccountsFor(input.gemeindeName, people, existing);
  const ous = new Set(plan.accounts.map((a) => a.ou));
  return {
    summary:
      `Kontenplan: ${formatInteger(plan.accounts.length)} Benutzerkonten in ${formatInteger(ous.size)} ` +
      `Organisationseinheiten, ${formatInteger(plan.groups.length)} Gruppen.`,
    result: {
      anzahl: plan.accounts.length,
      gemeindeOu: plan.gemeindeOu,
      gruppen: plan.groups,
      konten: plan.accounts.slice(0, MAX_RETURNED_ACCOUNTS),
      kontenGekuerzt: plan.accounts.length > MAX_RETURNED_ACCOUNTS,
    },
  };
}
