import { Router } from 'express';
import { z } from 'zod';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import { searchVerfahren, VERFAHREN } from '../../domain/catalog/verfahren';
import { SERVICES } from '../../domain/catalog/services';
import { TEMPLATES } from '../../domain/templates';
import { principalOf } from '../auth';
import { seesGemeinde } from '../policy';
import { parseOr422 } from '../problem';

export const verfahrenQuery = z.strictObject({ q: z.string().max(200).optional() });

export function catalogRoutes(): Router {
  const r = Router();
  r.get('/catalog/verfahren', (req, res) => {
    const { q } = parseOr422(verfahrenQuery, req.query);
    res.json({ items: q ? searchVerfahren(q) : VERFAHREN });
  });
  r.get('/catalog/gemeinden', (_req, res) => {
    const p = principalOf(res);
    res.json({ items: GEMEINDEN.filter((g) => seesGemeinde(p, g.ags)) });
  });
  r.get('/catalog/services', (_req, res) => {
    res.json({ items: SERVICES });
  });
  r.get('/catalog/processes', (_req, res) => {
    res.json({
      items: Object.values(TEMPLATES).map((t) => ({
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
      })),
    });
  });
  return r;
}
