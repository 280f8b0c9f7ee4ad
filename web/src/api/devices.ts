// The device calls of a rollout (shared/API.md "Devices"): a batch's devices with their state per step, one outcome
// recorded for many devices, and the Gemeinde's device register as CSV.
import { getAll, postJson, request } from './client';
import type { Device, DeviceActionAnswer, DeviceActionBody } from './types';

const enc = encodeURIComponent;

export const devicesApi = {
  ofRun: (runId: string) => getAll<Device>(`/runs/${enc(runId)}/devices`),
  record: (runId: string, body: DeviceActionBody) => postJson<DeviceActionAnswer>(`/runs/${enc(runId)}/devices/actions`, body),
  registerCsv: async (ags: string) => (await request(`/gemeinden/${enc(ags)}/devices`, { accept: 'text/csv' })).text(),
};
