import { Router } from 'express';
import { z } from 'zod';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import { searchVerfahren, VERFAHREN } from '../../domain/catalog/verfahren';
import { SERVICES } from '../../domain/catalog/services';
import { TEMPLATES } from '../../domain/templates';
import { principalOf } from '../auth';
import { seesGemeinde } from '../policy';
import { pageOf, pageQuery } from '../paging';
import { parseOr422 } from '../problem';

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

export function catalogRoutes(): Router {
  const r = Router();
  r.get('/catalog/verfahren', (req, res) => {
    const { q, ...page } = parseOr422(verfahrenQuery, req.query);
    res.json(pageOf(q ? searchVerfahren(q) : VERFAHREN, page));
  });
  r.get('/catalog/gemeinden', (req, res) => {
    const p = principalOf(res);
    res.json(pageOf(GEMEINDEN.filter((g) => seesGemeinde(p, g.ags)), parseOr422(pageQuery, req.query)));
  });
  r.get('/catalog/services', (req, res) => {
    res.json(pageOf(SERVICES, parseOr422(pageQuery, req.query)));
  });
  r.get('/catalog/processes', (req, res) => {
    res.json(pageOf(PROCESS_VIEWS, parseOr422(pageQuery, req.query)));
  });
  return r;
}
