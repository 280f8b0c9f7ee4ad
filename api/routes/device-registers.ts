// GET /gemeinden/{ags}/device-register and /destruction-certificates: the auditor's registers (domain/device-registers.ts),
// JSON paged like every list or the whole register as CSV (`Accept: text/csv`). A Gemeinde not seen is not found.
import { stringify } from 'csv-stringify/sync';
import { type Request, type Response } from 'express';
import { berlinDateTime } from '../../domain/berlin-time';
import { destructionCertificates, deviceRegister } from '../../domain/device-registers';
import { deviceStateLabel, deviceStepLabel } from '../../domain/device-steps';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { pageOf, pageQuery } from '../paging';
import { visibleAgs } from './devices';
import { parseOr422 } from '../problem';
import { destructionCertificatePage, deviceRegisterPage } from '../openapi/device-schemas';
import { perDeps, route } from '../route';

const ALL_DEVICES = 100_000;

const csv = (header: string[], rows: unknown[][]): string => `\uFEFF${stringify([header, ...rows], { delimiter: ';' })}`;

/** What the handlers below share, built once per app. */
const deviceRegisterShared = perDeps((deps: ApiDeps) => {
  async function devicesOf(req: Request, res: Response) {
    return deps.store.devices.list({ ags: visibleAgs(principalOf(res), req.params.ags as string), limit: ALL_DEVICES });
  }
  const wantsCsv = (req: Request) => req.accepts(['application/json', 'text/csv']) === 'text/csv';
  return { devicesOf, wantsCsv };
});

export const DEVICE_REGISTER_ROUTES = [
  route({
    key: 'GET /gemeinden/{ags}/device-register', access: 'run.read',
    operationId: 'deviceRegister', tag: 'Vorgänge', summary: 'Geräteregister der Gemeinde (JSON oder CSV)',
    description: 'Je Gerät und Schritt: Altgerät, Neugerät, wer, wann. CSV (`Accept: text/csv`): das ganze Register.',
    params: { ags: { description: 'Amtlicher Gemeindeschlüssel', example: '09181128' } }, query: pageQuery,
    success: { status: 200, description: 'eine Seite des Registers (CSV: alles)', schema: deviceRegisterPage, csv: true }, errors: [400, 404],
    handler: (deps) => {
      const { devicesOf, wantsCsv } = deviceRegisterShared(deps);
      return async (req, res) => {
        const q = parseOr422(pageQuery, req.query);
        const rows = deviceRegister(await devicesOf(req, res));
        if (wantsCsv(req)) {
          res.type('text/csv; charset=utf-8').attachment(`geraeteregister-${req.params.ags}.csv`).send(csv(
            ['Altgerät (Seriennummer)', 'Hostname', 'Standort', 'Charge', 'Schritt', 'Zustand', 'Durch', 'Zeitpunkt', 'Begründung', 'Neugerät (Seriennummer)', 'Neugerät (Inventarnummer)'],
            rows.map((x) => [x.serial, x.hostname, x.location ?? '', x.batch ?? '', deviceStepLabel(x.step), deviceStateLabel(x.state), x.by ?? '', x.at ? berlinDateTime(x.at) : '', x.reason ?? '', x.newSerial ?? '', x.newInventoryNumber ?? '']),
          ));
          return;
        }
        res.json(pageOf(rows, q));
      };
    },
  }),
  route({
    key: 'GET /gemeinden/{ags}/destruction-certificates', access: 'run.read',
    operationId: 'destructionCertificates', tag: 'Vorgänge', summary: 'Vernichtungsnachweise der Gemeinde (JSON oder CSV)',
    description: 'Je Nachweis: Schutzklasse und Sicherheitsstufe nach DIN 66399, Nummer, erfasste Geräte. CSV (`Accept: text/csv`): alle.',
    params: { ags: { description: 'Amtlicher Gemeindeschlüssel', example: '09181128' } }, query: pageQuery,
    success: { status: 200, description: 'eine Seite Nachweise (CSV: alle)', schema: destructionCertificatePage, csv: true }, errors: [400, 404],
    handler: (deps) => {
      const { devicesOf, wantsCsv } = deviceRegisterShared(deps);
      return async (req, res) => {
        const q = parseOr422(pageQuery, req.query);
        const certs = destructionCertificates(await devicesOf(req, res));
        if (wantsCsv(req)) {
          res.type('text/csv; charset=utf-8').attachment(`vernichtungsnachweise-${req.params.ags}.csv`).send(csv(
            ['Nachweisnummer', 'Schutzklasse (DIN 66399)', 'Sicherheitsstufe', 'Durch', 'Zeitpunkt', 'Charge', 'Geräte'],
            certs.map((c) => [c.certificate, c.protectionClass, c.securityLevel, c.by ?? '', c.at ? berlinDateTime(c.at) : '', c.batch ?? '', c.devices.join(', ')]),
          ));
          return;
        }
        res.json(pageOf(certs, q));
      };
    },
  }),
] as const;
