// The monthly portfolio report (issue 15): PDF (one page per onboarding) or CSV (German dates, decimal commas) by
// the Accept header. Who may: api/policy.ts (project leads, board, administration).
import { portfolioCsv, portfolioPdf, portfolioReport } from '../../activities/portfolio-report';
import { reportMonth } from '../planning-schemas';
import { HttpProblem, parseOr422 } from '../problem';
import { route } from '../route';

export const REPORT_ROUTES = [
  route({
    key: 'GET /reports/portfolio/{month}', access: 'planning.manage',
    operationId: 'getPortfolioReport', tag: 'Übersicht', summary: 'Monatsbericht des Portfolios (PDF oder CSV)',
    description: '`Accept: application/pdf` (eine Seite je Onboarding) oder `text/csv` (deutsche Datumsangaben, Dezimalkomma).',
    params: { month: { description: 'Monat JJJJ-MM, bis zum laufenden Monat', example: '2026-11' } }, success: { status: 200, description: 'der Bericht', pdf: true, csv: true }, errors: [406],
    handler: (deps) => async (req, res) => {
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
    },
  }),
] as const;
