// The devices of a Gemeinde as CSV (semicolon-separated with BOM, German headers, as office software expects).
import { stringify } from 'csv-stringify/sync';
import { deviceStateLabel, deviceStepLabel } from '../domain/device-steps';
import type { Device } from '../store/devices';

export function deviceCsv(devices: Device[]): string {
  const rows = devices.map((d) => [
    d.hostname, d.serial, d.mac, d.os, d.model, d.location ?? '', d.user ?? '', d.batch ?? '', d.newInventoryNumber ?? '', d.status,
    Object.entries(d.steps).map(([step, s]) => `${deviceStepLabel(step)}: ${deviceStateLabel(s.state)}${s.reason ? ` (${s.reason})` : ''}`).join(', '),
  ]);
  const header = ['Hostname', 'Seriennummer', 'MAC', 'Betriebssystem', 'Modell', 'Standort', 'Benutzer/Funktion', 'Charge', 'Inventarnummer (Neugerät)', 'Status', 'Schritte'];
  return `\uFEFF${stringify([header, ...rows], { delimiter: ';' })}`;
}
