// Devices of a rollout, device by device (issue 14; shapes in shared/API.md "Devices"), beside the generated types.ts.

/** one device's state in one per-device step of its batch */
export type DeviceStepState = 'pending' | 'done' | 'failed' | 'excluded';

export interface DeviceStep {
  state: DeviceStepState;
  at?: string;
  by?: string;
  /** why it failed (back to rework) or was excluded */
  reason?: string;
  data?: Record<string, unknown>;
}

export interface Device {
  id: string;
  hostname: string;
  serial: string;
  mac: string;
  os: string;
  model: string;
  location?: string;
  batch?: string;
  status: string;
  /** state per per-device step, by step id */
  steps: Record<string, DeviceStep>;
}

export type DeviceOutcome = 'done' | 'failed' | 'excluded';

export interface DeviceActionBody {
  step: string;
  devices: string[];
  outcome: DeviceOutcome;
  data?: Record<string, unknown>;
  reason?: string;
}

/** one device's outcome: `status` 200 when recorded, else the problem (unknown serial, not in this batch, …) */
export interface DeviceActionResult {
  serial: string;
  status: number;
  device?: Device;
  problem?: { title: string; status: number; detail?: string };
}

export interface DeviceActionAnswer {
  results: DeviceActionResult[];
}
