// The monthly portfolio report (issue 15): PDF (one page per onboarding) or CSV (German dates, decimal commas) by
// the Accept header. Who may: api/policy.ts (project leads, board, administration).
import { Router } from 'express';
import { portfolioCsv, portfolioPdf, portfolioReport } from '../../activities/portfolio-report';
import type { ApiDeps } from '../deps';
import { reportMonth } from '../planning-schemas';
import { HttpProblem, parseOr422 } from '../problem';

export function reportRoutes(deps: ApiDeps): Router {
  const r = Router();
  r.get('/reports/portfolio/:month', async (req, res) => {
    const month = parseOr422(reportMonth, req.params.month, ['month']);
    // PDF unless CSV is asked for first (a browser or `*/*` gets the PDF)
    const type = req.accepts(['application/pdf', 'text/csv']);
    if (!type) throw new HttpProblem(406, 'Nicht annehmbar', 'Der Bericht gibt es als application/pdf oder text/csv.');
    const report = await portfolioReport(deps.store, month);
    const name = `portfoliobericht-${month}`;
    if (type === 'text/csv') {
      res.attachment(`${name}.csv`).type('text/csv; charset=utf-8').send(portfolioCsv(report));
      return;
    }
    res.attachment(`${name}.pdf`).type('application/pdf').send(await portfolioPdf(report));
  });
  return r;
}
