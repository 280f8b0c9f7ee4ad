// Checking an export before a task form is submitted: the file (CSV or Excel) as base64, read into the CSV text the
// form will submit, checked by the very function the submit and the consuming step use, and answered with a preview
// of its first rows and every problem found. Nothing is stored: the form submits the CSV text as before.
import { z } from 'zod';
import { readExport } from '../export-file';
import { fileCheckOf, previewOf } from '../file-fields';
import { parseOr422, problem } from '../problem';
import type { ExportCheck } from '../openapi/responses';
import * as responses from '../openapi/responses';
import { route } from '../route';

/** Problems answered at most; the count says how many there are in all. */
export const MAX_CHECK_PROBLEMS = 1000;

export const exportCheckBody = z.strictObject({
  name: z.string().trim().min(1).max(255).describe('Dateiname (nur zur Anzeige; der Typ wird am Inhalt erkannt)'),
  // its size is the body limit's and readExport's (413)
  content: z.base64('Der Inhalt muss Base64-kodiert sein.').describe('Die Datei, Base64-kodiert (CSV oder .xlsx)'),
  values: z.record(z.string(), z.unknown()).optional().describe('Die übrigen Eingaben des Formulars, für Prüfungen, die von ihnen abhängen (Schlüsselspalte, Summenfelder)'),
});

export const FORM_FILE_ROUTES = [
  route({
    key: 'POST /forms/{formId}/fields/{field}/check', access: 'task.work', // stores nothing: whoever works on tasks may check an export
    operationId: 'checkExportFile', tag: 'Aufgaben', summary: 'Export-Datei eines Formularfelds vor dem Einreichen prüfen',
    description: 'Die Datei (CSV oder Excel `.xlsx`, Base64) wird in den CSV-Text umgewandelt, den das Formular einreicht, und mit derselben Prüfung wie beim Erledigen und im automatischen Schritt geprüft. Antwort: der CSV-Text, eine Vorschau der ersten Zeilen und jedes Problem mit seiner Zeile. Es wird nichts gespeichert. Kein CSV und keine Arbeitsmappe: 415; zu groß: 413; ein Formular ohne dieses Dateifeld: 404.',
    params: {
      formId: { description: 'Formular-ID (aus `form.id` der Aufgabe)', example: 'inventur' },
      field: { description: 'Dateifeld des Formulars', example: 'inventarCsv' },
    },
    body: { schema: exportCheckBody, required: true },
    success: { status: 200, description: 'CSV-Text, Vorschau und Probleme', schema: responses.exportCheckSchema }, errors: [404, 413, 415],
    handler: () => async (req, res) => {
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
    },
  }),
] as const;
