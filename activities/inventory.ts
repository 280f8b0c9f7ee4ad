// Inventory: importing the hardware scan of a Gemeinde, and inventory numbers for rollout batches (new devices
// registered, old devices set to disposal). Numbers follow `LL-<tenant>-<year>-<running number>`.
import { ApplicationFailure } from '@temporalio/common';
import type { DeviceStore, NewDevice } from '../store/devices';
import type { RecordRepository } from './adapters/record-repository';
import { CsvError, missingColumns, parseCsvTable } from './csv';
import { FAILURE_TYPES, invalidInput, listFirst } from './failures';
import { formatInteger } from './german-format';
import { requireAgs } from './input-fields';
import type { StepActivityInput, StepActivityResult } from './step-input';
import { readStepInput } from './step-inputs';

const INVENTORY_COLUMNS = ['Hostname', 'Seriennummer', 'MAC', 'Betriebssystem', 'Modell'] as const;
const MAX_REPORTED_PROBLEMS = 20;
/** counts per OS/model beyond this many distinct values are folded into "Sonstige" */
const MAX_COUNT_KEYS = 50;
const MAX_RUNNING_NUMBER = 99_999;
const INVENTORY_PREFIX = 'LL';

// ---------------------------------------------------------------- scan import

/** Normalises "00-1a-2B-…", "001a.2b3c.4d5e" or "001A2B3C4D5E" to "00:1A:2B:3C:4D:5E"; undefined if not a MAC. */
export function normalizeMac(text: string): string | undefined {
  const s = text.trim();
  let hex: string;
  if (/^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\1[0-9A-Fa-f]{2}){4}$/.test(s)) hex = s.replace(/[:-]/g, '');
  else if (/^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/.test(s)) hex = s.replace(/\./g, '');
  else if (/^[0-9A-Fa-f]{12}$/.test(s)) hex = s;
  else return undefined;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** Addresses a scanner reports when it did not read a real network card. */
function macProblem(mac: string): string | undefined {
  if (mac === '00:00:00:00:00:00') return 'ist leer (nur Nullen)';
  if (mac === 'FF:FF:FF:FF:FF:FF') return 'ist die Broadcast-Adresse';
  if (parseInt(mac.slice(0, 2), 16) % 2 === 1) return 'ist eine Gruppenadresse (Multicast)';
  return undefined;
}

/** Serial numbers that firmware reports when the vendor never set one; they would collide across devices. */
const PLACEHOLDER_SERIALS = /^(to be filled by o\.?e\.?m\.?|default string|system serial number|not specified|not applicable|none|n\/?a|unknown|0+|x+|123456789)$/i;

export interface InventorySummary {
  devices: number;
  byOs: Record<string, number>;
  byModel: Record<string, number>;
}

function countBy(values: string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = sorted.slice(0, MAX_COUNT_KEYS);
  const rest = sorted.slice(MAX_COUNT_KEYS).reduce((acc, [, n]) => acc + n, 0);
  const result = Object.fromEntries(kept);
  if (rest > 0) result.Sonstige = (result.Sonstige ?? 0) + rest;
  return result;
}

function inventoryFailure(problems: string[], records: number): ApplicationFailure {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).map((p) => `- ${p}`);
  if (problems.length > MAX_REPORTED_PROBLEMS) shown.push(`- … und ${problems.length - MAX_REPORTED_PROBLEMS} weitere`);
  return ApplicationFailure.nonRetryable(
    [`Inventarimport abgelehnt: ${formatInteger(problems.length)} Problem(e) in ${formatInteger(records)} Datensätzen.`, ...shown].join('\n'),
    FAILURE_TYPES.invalidInventory,
    { probleme: problems.length },
  );
}

/** What checking a scan export found: every problem (each naming its line), or the device counts. */
export type InventoryCheck = { problems: string[]; records: number; summary?: undefined } | { problems: []; records: number; summary: InventorySummary };

/**
 * Pure: checks the scan export (columns, MAC and serial formats, duplicates) and counts devices. The task form runs
 * it when the export is submitted, and the import step runs it again, so both refuse the same files alike.
 */
export function checkInventory(csv: string): InventoryCheck {
  let table;
  try {
    table = parseCsvTable(csv);
  } catch (err) {
    if (err instanceof CsvError) return { problems: [err.message], records: 0 };
    throw err;
  }
  const rows = table.records.length + table.raggedRows.length;
  const absent = missingColumns(table, INVENTORY_COLUMNS);
  if (absent.length > 0) {
    return { problems: [`Spalte(n) ${absent.join(', ')} fehlen; erwartet: ${INVENTORY_COLUMNS.join(';')}`], records: rows };
  }
  if (rows === 0) return { problems: ['Der Export enthält keine Geräte.'], records: 0 };

  const problems = [...table.raggedRows];
  const macLines = new Map<string, number[]>();
  const serialLines = new Map<string, number[]>();
  const serialSpelling = new Map<string, string>();
  for (const { line, values } of table.records) {
    if (values.Hostname.trim() === '') problems.push(`Zeile ${line}: Hostname fehlt`);
    const serial = values.Seriennummer.trim();
    if (serial === '') problems.push(`Zeile ${line}: Seriennummer fehlt`);
    else if (PLACEHOLDER_SERIALS.test(serial)) problems.push(`Zeile ${line}: Seriennummer "${serial.slice(0, 40)}" ist ein Platzhalter`);
    else {
      const key = serial.toUpperCase();
      const lines = serialLines.get(key);
      if (lines) lines.push(line);
      else {
        serialLines.set(key, [line]);
        serialSpelling.set(key, serial);
      }
    }
    const rawMac = values.MAC.trim();
    const mac = normalizeMac(rawMac);
    if (rawMac === '') problems.push(`Zeile ${line}: MAC-Adresse fehlt`);
    else if (!mac) problems.push(`Zeile ${line}: MAC-Adresse "${rawMac.slice(0, 40)}" ist ungültig`);
    else {
      const why = macProblem(mac);
      if (why) problems.push(`Zeile ${line}: MAC-Adresse ${mac} ${why}`);
      else {
        const lines = macLines.get(mac);
        if (lines) lines.push(line);
        else macLines.set(mac, [line]);
      }
    }
  }
  for (const [mac, lines] of macLines) {
    if (lines.length > 1) problems.push(`MAC-Adresse ${mac} kommt mehrfach vor (Zeilen ${listFirst(lines.map(String))})`);
  }
  for (const [key, lines] of serialLines) {
    if (lines.length > 1) problems.push(`Seriennummer ${serialSpelling.get(key)!.slice(0, 40)} kommt mehrfach vor (Zeilen ${listFirst(lines.map(String))})`);
  }
  if (problems.length > 0) return { problems, records: rows };

  const label = (v: string): string => v.trim() || 'unbekannt';
  return {
    problems: [],
    records: table.records.length,
    summary: {
      devices: table.records.length,
      byOs: countBy(table.records.map((r) => label(r.values.Betriebssystem))),
      byModel: countBy(table.records.map((r) => label(r.values.Modell))),
    },
  };
}

/** Pure: validates the scan export and counts devices. Throws a non-retryable report listing every problem. */
export function analyseInventory(csv: string): InventorySummary {
  const check = checkInventory(csv);
  if (!check.summary) throw inventoryFailure(check.problems, check.records);
  return check.summary;
}

/** Optional columns of the scan export that place a device: room or location, and its user or function. */
const LOCATION_COLUMNS = ['Standort', 'Raum'] as const;
const USER_COLUMNS = ['Benutzer', 'Funktion'] as const;

function firstOf(values: Record<string, string>, columns: readonly string[]): string | undefined {
  for (const c of columns) {
    const v = values[c]?.trim();
    if (v) return v;
  }
  return undefined;
}

/** Pure: the devices of a scan export that `checkInventory` accepted (MAC normalised, optional location and user). */
export function inventoryDevices(csv: string): NewDevice[] {
  return parseCsvTable(csv).records.map(({ values }) => {
    const location = firstOf(values, LOCATION_COLUMNS);
    const user = firstOf(values, USER_COLUMNS);
    return {
      hostname: values.Hostname.trim(),
      serial: values.Seriennummer.trim(),
      mac: normalizeMac(values.MAC) ?? values.MAC.trim(),
      os: values.Betriebssystem.trim(),
      model: values.Modell.trim(),
      ...(location ? { location } : {}),
      ...(user ? { user } : {}),
    };
  });
}

/**
 * Where the import keeps each device of a Gemeinde and the Wareneingang numbers each device's replacement
 * (store/devices.ts); the history gets only the counts.
 */
export type DeviceRecords = Pick<DeviceStore, 'importDevices' | 'numberBatch'>;

// ---------------------------------------------------------------- inventory numbers

export interface DeviceRegistration {
  kind: 'registrierung';
  runId: string;
  ags: string;
  tenant: string;
  year: number;
  /** running numbers first … first + count - 1 */
  first: number;
  count: number;
  recordedAt: string;
}

export interface DeviceRetirement {
  kind: 'aussonderung';
  runId: string;
  ags: string;
  count: number;
  /** inventory numbers of the old devices, when the batch listed them */
  inventarnummern?: string[];
  recordedAt: string;
}

export type InventoryRecord = DeviceRegistration | DeviceRetirement;
export type InventoryRepository = RecordRepository<InventoryRecord>;

/**
 * What the store enforces as unique, behind the lock of `exclusive`: no two batches of a tenant and year start at
 * the same running number, and a run retires its devices once.
 */
export function inventoryRecordKey(r: InventoryRecord): string {
  return r.kind === 'registrierung' ? `nummer:${r.tenant}-${r.year}-${r.first}` : `aussonderung:${r.runId}`;
}

export function tenantOf(ags: string): string {
  return ags.slice(-3);
}

export function inventoryNumber(tenant: string, year: number, running: number): string {
  return `${INVENTORY_PREFIX}-${tenant}-${year}-${String(running).padStart(5, '0')}`;
}

/** The calendar year in Bavaria, not in the server's time zone: a batch on New Year's Eve belongs to the old year. */
export function yearInBavaria(date: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(date));
}

/** Pure: first free running number for tenant and year, continuing after the highest one handed out. */
export function nextRunningNumber(records: readonly InventoryRecord[], tenant: string, year: number): number {
  let highest = 0;
  for (const r of records) {
    if (r.kind === 'registrierung' && r.tenant === tenant && r.year === year) {
      highest = Math.max(highest, r.first + r.count - 1);
    }
  }
  return highest + 1;
}

/** Every inventory number of a registration, in order. */
function numbersOf(r: DeviceRegistration): string[] {
  return Array.from({ length: r.count }, (_, i) => inventoryNumber(r.tenant, r.year, r.first + i));
}

/** `numbered`: how many of the batch's device records carry one of the numbers (none when the batch names none). */
function registrationResult(r: DeviceRegistration, repeated: boolean, numbered: number): StepActivityResult {
  const first = inventoryNumber(r.tenant, r.year, r.first);
  const last = inventoryNumber(r.tenant, r.year, r.first + r.count - 1);
  const assigned = numbered > 0 ? ` Je Gerät der Charge in der Geräteliste: ${formatInteger(numbered)} zugeordnet.` : '';
  return {
    summary: `${formatInteger(r.count)} Inventarnummern ${repeated ? 'bereits ' : ''}vergeben: ${first} bis ${last}.${assigned}`,
    result: { anzahl: r.count, erste: first, letzte: last, jahr: r.year, ...(numbered > 0 ? { zugeordnet: numbered } : {}) },
  };
}

export function createInventoryActivities(
  repo: InventoryRepository,
  now: () => Date = () => new Date(),
  records?: DeviceRecords,
) {
  /**
   * Each device of the batch gets one of the registration's numbers. After the numbering lock, not inside it: the
   * lock holds a transaction of its own (store/records.ts). The ranges never overlap, so no two devices share one.
   */
  const numberDevices = async (r: DeviceRegistration) => (records ? records.numberBatch(r.runId, numbersOf(r)) : 0);

  async function importInventory(input: StepActivityInput): Promise<StepActivityResult> {
    const { inventarCsv } = readStepInput('importInventory', input.data);
    const summary = analyseInventory(inventarCsv);
    // each device as a record of its Gemeinde (a retry stores them again by serial, without duplicates)
    if (records && input.ags) await records.importDevices(requireAgs(input.ags), input.runId, inventoryDevices(inventarCsv));
    return {
      summary:
        `Inventar importiert: ${formatInteger(summary.devices)} Geräte, ${Object.keys(summary.byOs).length} ` +
        `Betriebssysteme, ${Object.keys(summary.byModel).length} Modelle.`,
      result: { geraete: summary.devices, betriebssysteme: summary.byOs, modelle: summary.byModel },
    };
  }

  async function registerDevices(input: StepActivityInput): Promise<StepActivityResult> {
    const ags = requireAgs(input.ags);
    const { devices } = readStepInput('registerDevices', input.data);
    if (devices === 0) throw invalidInput('Anzahl der Geräte (Feld "devices") fehlt oder ist 0.');
    const tenant = tenantOf(ags);
    // Numbering is read-decide-write: exclusive across worker processes, or two batches get the same numbers.
    const { registration, repeated } = await repo.exclusive(async (access): Promise<{ registration: DeviceRegistration; repeated: boolean }> => {
      const records = await access.list();
      const earlier = records.find((r): r is DeviceRegistration => r.kind === 'registrierung' && r.runId === input.runId);
      if (earlier) {
        if (earlier.count !== devices) {
          throw ApplicationFailure.nonRetryable(
            `Für diesen Vorgang wurden bereits ${earlier.count} Inventarnummern vergeben ` +
              `(${inventoryNumber(earlier.tenant, earlier.year, earlier.first)} ff.), angefragt sind jetzt ${devices}. ` +
              'Bitte die Geräteanzahl prüfen oder den Schritt mit Begründung überspringen.',
            FAILURE_TYPES.inventoryConflict,
          );
        }
        return { registration: earlier, repeated: true };
      }
      const at = now();
      const year = yearInBavaria(at);
      const first = nextRunningNumber(records, tenant, year);
      if (first + devices - 1 > MAX_RUNNING_NUMBER) {
        throw ApplicationFailure.nonRetryable(
          `Inventarnummern erschöpft: Für Mandant ${tenant} im Jahr ${year} sind nur noch ` +
            `${Math.max(0, MAX_RUNNING_NUMBER - first + 1)} Nummern frei, benötigt werden ${devices}.`,
          FAILURE_TYPES.inventoryNumbersExhausted,
        );
      }
      const registration: DeviceRegistration = {
        kind: 'registrierung',
        runId: input.runId,
        ags,
        tenant,
        year,
        first,
        count: devices,
        recordedAt: at.toISOString(),
      };
      await access.save(registration);
      return { registration, repeated: false };
    });
    // a retry after the numbers were saved gives the devices theirs now if it did not before
    return registrationResult(registration, repeated, await numberDevices(registration));
  }

  async function retireDevices(input: StepActivityInput): Promise<StepActivityResult> {
    const ags = requireAgs(input.ags);
    const { altgeraete: listed, devices } = readStepInput('retireDevices', input.data);
    const numbers = listed?.map((n) => n.trim());
    if (numbers?.some((n) => n === '')) throw invalidInput('Die Liste der Altgeräte enthält eine leere Inventarnummer.');
    const doubled = numbers ? [...new Set(numbers.filter((n, i) => numbers.indexOf(n) !== i))] : [];
    if (doubled.length > 0) throw invalidInput(`Altgeräte doppelt angegeben: ${listFirst(doubled)}.`);
    const count = numbers && numbers.length > 0 ? numbers.length : devices;
    if (count === undefined || count === 0) {
      throw invalidInput('Weder Altgeräte (Feld "altgeraete") noch eine Geräteanzahl (Feld "devices") angegeben.');
    }
    // exclusive, so that two runs retiring the same device cannot both pass the check below
    return repo.exclusive(async (access) => {
      const records = await access.list();
      const earlier = records.find((r): r is DeviceRetirement => r.kind === 'aussonderung' && r.runId === input.runId);
      if (earlier) {
        return {
          summary: `${formatInteger(earlier.count)} Altgeräte sind bereits zur Aussonderung vermerkt.`,
          result: { anzahl: earlier.count },
        };
      }
      if (numbers && numbers.length > 0) {
        const retiredBefore = new Set(
          records.flatMap((r) => (r.kind === 'aussonderung' ? (r.inventarnummern ?? []) : [])),
        );
        const again = numbers.filter((n) => retiredBefore.has(n));
        if (again.length > 0) {
          throw ApplicationFailure.nonRetryable(
            `Altgeräte bereits in einem anderen Vorgang ausgesondert: ${listFirst(again)}.`,
            FAILURE_TYPES.inventoryConflict,
          );
        }
      }
      await access.save({
        kind: 'aussonderung',
        runId: input.runId,
        ags,
        count,
        ...(numbers && numbers.length > 0 ? { inventarnummern: numbers } : {}),
        recordedAt: now().toISOString(),
      });
      return {
        summary: `${formatInteger(count)} Altgeräte zur Aussonderung vermerkt.`,
        result: { anzahl: count },
      };
    });
  }

  return { importInventory, registerDevices, retireDevices };
}
