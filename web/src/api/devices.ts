// The device calls of a rollout (shared/API.md "Devices"): a batch's devices with their state per step, one outcome
// recorded for many devices, and the Gemeinde's registers (devices, destruction certificates) as CSV.
import { getAll, postJson, request } from './client';
import type { Device, DeviceActionAnswer, DeviceActionBody } from './types';

const enc = encodeURIComponent;

export const devicesApi = {
  ofRun: (runId: string) => getAll<Device>(`/runs/${enc(runId)}/devices`),
  record: (runId: string, body: DeviceActionBody) => postJson<DeviceActionAnswer>(`/runs/${enc(runId)}/devices/actions`, body),
  registerCsv: async (ags: string) => (await request(`/gemeinden/${enc(ags)}/device-register`, { accept: 'text/csv' })).text(),
  certificatesCsv: async (ags: string) => (await request(`/gemeinden/${enc(ags)}/destruction-certificates`, { accept: 'text/csv' })).text(),
};
