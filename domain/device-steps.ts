// One outcome for a device in a per-device step of a rollout batch, and when the batch's step is done: every device
// done or excluded with a reason. A device failing its functional test goes to rework and may later be recorded done.
import { rolloutTemplate } from './templates/rollout';

export type DeviceStepState = 'pending' | 'done' | 'failed' | 'excluded';
export type DeviceOutcome = Exclude<DeviceStepState, 'pending'>;

export interface DeviceStepEntry {
  state: DeviceStepState;
  reason?: string;
  by?: string;
  at?: string;
  data?: Record<string, unknown>;
  /** the step's earlier outcomes, oldest first (a failed functional test before the rework): the device's path */
  earlier?: DeviceStepOutcome[];
}

export type DeviceStepOutcome = Pick<DeviceStepEntry, 'state' | 'reason' | 'by' | 'at'>;

export const PER_DEVICE_STEPS: readonly string[] = rolloutTemplate.steps.filter((s) => s.perDevice).map((s) => s.id);

/**
 * German labels of the per-device steps and of a device's state in a step, as the UI shows them (the step titles of
 * the rollout; the web keeps its own copy of the state labels in web/src/lib/labels.ts, as the web bundle does not
 * import domain/, and test/web/labels.test.ts holds the two equal). The one place for the API's CSV exports and
 * messages.
 */
export const DEVICE_STATE_LABELS: Readonly<Record<DeviceStepState, string>> = {
  pending: 'offen', done: 'erledigt', failed: 'fehlgeschlagen (Nacharbeit)', excluded: 'ausgenommen',
};
const STEP_TITLES: ReadonlyMap<string, string> = new Map(rolloutTemplate.steps.map((s) => [s.id, s.title]));
export const deviceStepLabel = (stepId: string): string => STEP_TITLES.get(stepId) ?? stepId;
export const deviceStateLabel = (state: DeviceStepState): string => DEVICE_STATE_LABELS[state] ?? state;

/** what a device is after a step's outcome (its `status` in lists and filters) */
const DONE_STATUS: Record<string, string> = {
  bedarf: 'bedarf-erfasst', imaging: 'betankt', funktionstest: 'getestet', uebergabe: 'uebergeben',
  altgeraete: 'altgeraet-gesichert', datenvernichtung: 'vernichtet',
};

/** A device excluded in a step has this status: it has left the batch, for that step and every later one. */
export const EXCLUDED_STATUS = 'ausgenommen';

export function deviceStatus(stepId: string, outcome: DeviceOutcome, current: string): string {
  if (outcome === 'excluded') return EXCLUDED_STATUS;
  if (outcome === 'failed') return stepId === 'funktionstest' ? 'nacharbeit' : 'fehler';
  return DONE_STATUS[stepId] ?? current;
}

/** German message when the outcome lacks what it needs, else undefined */
export function outcomeProblem(outcome: DeviceOutcome, reason: string | undefined): string | undefined {
  if (outcome !== 'done' && !reason?.trim()) {
    return outcome === 'failed' ? 'Bitte angeben, warum die Geräte fehlgeschlagen sind' : 'Bitte angeben, warum die Geräte ausgenommen werden';
  }
  return undefined;
}

/**
 * The step's new entry, or undefined when the device already has exactly this outcome (repeating changes nothing).
 * A changed outcome keeps the one before in `earlier`, so the register shows a device's way through rework.
 */
export function nextEntry(
  current: DeviceStepEntry | undefined,
  change: { outcome: DeviceOutcome; reason?: string; data?: Record<string, unknown>; by: string; at: string },
): DeviceStepEntry | undefined {
  const reason = change.outcome === 'done' ? undefined : change.reason?.trim();
  if (current && current.state === change.outcome && current.reason === reason
    && JSON.stringify(current.data ?? null) === JSON.stringify(change.data ?? null)) return undefined;
  const earlier = [...(current?.earlier ?? [])];
  if (current && current.state !== change.outcome) {
    earlier.push({ state: current.state, ...(current.reason ? { reason: current.reason } : {}), ...(current.by ? { by: current.by } : {}), ...(current.at ? { at: current.at } : {}) });
  }
  return {
    state: change.outcome, by: change.by, at: change.at,
    ...(reason ? { reason } : {}), ...(change.data ? { data: change.data } : {}), ...(earlier.length ? { earlier } : {}),
  };
}

/** the states in which a device counts as through a step: done, or excluded with a reason */
export const THROUGH_STEP: readonly DeviceStepState[] = ['done', 'excluded'];

type DeviceSteps = { steps: Record<string, DeviceStepEntry>; status: string };

/**
 * A device's state in a step: its own outcome there; with none, excluded when it has left the batch (excluded in an
 * earlier step, until an outcome takes it back in), else pending. The web (web/src/lib/device-selection.ts) and the
 * store's batch counts (store/devices.ts, in SQL) keep the same rule; their tests hold each equal to this one.
 */
export function stepStateOf(device: DeviceSteps, stepId: string): DeviceStepState {
  return device.steps[stepId]?.state ?? (device.status === EXCLUDED_STATUS ? 'excluded' : 'pending');
}

/** every device of the batch done or excluded in this step (and at least one device) */
export function batchStepDone(devices: readonly DeviceSteps[], stepId: string): boolean {
  return devices.length > 0 && devices.every((d) => THROUGH_STEP.includes(stepStateOf(d, stepId)));
}

/** "87 von 120 Geräten erledigt": devices done or excluded in the step */
export function devicesDone(devices: readonly DeviceSteps[], stepId: string): number {
  return devices.filter((d) => THROUGH_STEP.includes(stepStateOf(d, stepId))).length;
}
