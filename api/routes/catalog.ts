import { z } from 'zod';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import { searchVerfahren, VERFAHREN } from '../../domain/catalog/verfahren';
import { SERVICES } from '../../domain/catalog/services';
import { TEMPLATES } from '../../domain/templates';
import { principalOf } from '../auth';
import { seesGemeinde } from '../policy';
import { pageOf, pageQuery } from '../paging';
import { parseOr422 } from '../problem';
import * as responses from '../openapi/responses';
import { route } from '../route';

export const verfahrenQuery = pageQuery.extend({ q: z.string().max(200).optional() });

/** The catalog's process templates as the API shows them (fixed per process, so built once). */
const PROCESS_VIEWS = Object.values(TEMPLATES).map((t) => ({
  id: t.id,
  title: t.title,
  description: t.description,
  phases: t.phases,
  steps: t.steps.map((s) => ({
    id: s.id, title: s.title, phase: s.phase, kind: s.kind, description: s.description,
    candidateRoles: s.candidateRoles, dependsOn: s.dependsOn, plannedDays: s.plannedDays,
    ...(s.approvals ? { approvals: s.approvals } : {}),
    ...(s.variants ? { variants: s.variants } : {}),
    ...(s.form ? { form: s.form } : {}),
  })),
}));

export const CATALOG_ROUTES = [
  route({
    key: 'GET /catalog/verfahren', access: 'catalog.read',
    operationId: 'listVerfahren', tag: 'Katalog', summary: 'Fachverfahren (300+), Suche mit `q`',
    query: verfahrenQuery, success: { status: 200, description: 'eine Seite Verfahren', schema: responses.pages.verfahren }, errors: [400],
    handler: () => (req, res) => {
      const { q, ...page } = parseOr422(verfahrenQuery, req.query);
      res.json(pageOf(q ? searchVerfahren(q) : VERFAHREN, page));
    },
  }),
  route({
    key: 'GET /catalog/gemeinden', access: 'catalog.read',
    operationId: 'listGemeinden', tag: 'Katalog', summary: 'Gemeinden (Gemeinde-Benutzer: nur die eigene)',
    query: pageQuery, success: { status: 200, description: 'eine Seite Gemeinden', schema: responses.pages.gemeinden }, errors: [400],
    handler: () => (req, res) => {
      const p = principalOf(res);
      res.json(pageOf(GEMEINDEN.filter((g) => seesGemeinde(p, g.ags)), parseOr422(pageQuery, req.query)));
    },
  }),
  route({
    key: 'GET /catalog/services', access: 'catalog.read',
    operationId: 'listServices', tag: 'Katalog', summary: 'IT-Servicekatalog mit Preisen',
    query: pageQuery, success: { status: 200, description: 'eine Seite Leistungen', schema: responses.pages.services }, errors: [400],
    handler: () => (req, res) => {
      res.json(pageOf(SERVICES, parseOr422(pageQuery, req.query)));
    },
  }),
  route({
    key: 'GET /catalog/processes', access: 'catalog.read',
    operationId: 'listProcesses', tag: 'Katalog', summary: 'Prozessvorlagen mit Phasen und Schritten',
    query: pageQuery, success: { status: 200, description: 'eine Seite Vorlagen', schema: responses.pages.processes }, errors: [400],
    handler: () => (req, res) => {
      res.json(pageOf(PROCESS_VIEWS, parseOr422(pageQuery, req.query)));
    },
  }),
] as const;
