// Checking an export before a task form is submitted: the file (CSV or Excel) as base64, read into the CSV text the
// form will submit, checked by the very function the submit and the consuming step use, and answered with a preview
// of its first rows and every problem found. Nothing is stored: the form submits the CSV text as before.
import { Router } from 'express';
import { z } from 'zod';
import { readExport } from '../export-file';
import { fileCheckOf, previewOf } from '../file-fields';
import { parseOr422, problem } from '../problem';
import type { ExportCheck } from '../openapi/responses';

/** Problems answered at most; the count says how many there are in all. */
export const MAX_CHECK_PROBLEMS = 1000;

export const exportCheckBody = z.strictObject({
  name: z.string().trim().min(1).max(255).describe('Dateiname (nur zur Anzeige; der Typ wird am Inhalt erkannt)'),
  // its size is the body limit's and readExport's (413)
  content: z.base64('Der Inhalt muss Base64-kodiert sein.').describe('Die Datei, Base64-kodiert (CSV oder .xlsx)'),
  values: z.record(z.string(), z.unknown()).optional().describe('Die übrigen Eingaben des Formulars, für Prüfungen, die von ihnen abhängen (Schlüsselspalte, Summenfelder)'),
});

export function formFileRoutes(): Router {
  const r = Router();
  r.post('/forms/:formId/fields/:field/check', async (req, res) => {
    const check = fileCheckOf(String(req.params.formId), String(req.params.field));
    if (!check) throw problem.notFound('Dieses Formular hat kein Dateifeld dieses Namens.');
    const body = parseOr422(exportCheckBody, req.body ?? {});
    const read = await readExport(Buffer.from(body.content, 'base64'));
    const problems = check(read.csv, body.values ?? {});
    const answer: ExportCheck = {
      name: body.name,
      format: read.format,
      ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
      csv: read.csv,
      preview: previewOf(read.csv),
      problems: problems.slice(0, MAX_CHECK_PROBLEMS),
      problemCount: problems.length,
    };
    res.json(answer);
  });
  return r;
}
