// zod's own messages in German (config/validation-messages.ts): what a form would say where a schema names none,
// the schema's own message where it names one, and zod's German for the rest.
import { z } from 'zod';
import '../../config/validation-messages';

const messages = (schema: z.ZodType, value: unknown): Record<string, string> =>
  Object.fromEntries((schema.safeParse(value).error?.issues ?? []).map((i) => [i.path.join('.') || '(root)', i.message]));

it('words a form’s checks as a form does', () => {
  const form = z.strictObject({
    name: z.string().min(1), kuerzel: z.string().max(3), plz: z.string().min(5), anzahl: z.number().int().min(1).max(5000),
    betrag: z.number().gt(0), liste: z.array(z.string()).min(1).max(2), art: z.enum(['a', 'b']), ok: z.literal(true),
    geprueft: z.boolean(), datum: z.iso.date(), text: z.string(),
  });
  expect(messages(form, {
    name: '', kuerzel: 'ABCD', plz: '123', anzahl: 6000, betrag: 0, liste: ['a', 'b', 'c'], art: 'c', ok: false,
    geprueft: 'ja', datum: '2026-13-01', text: 7, extra: 1,
  })).toEqual({
    name: 'Pflichtfeld', kuerzel: 'Höchstens 3 Zeichen', plz: 'Mindestens 5 Zeichen', anzahl: 'Höchstens 5000', betrag: 'Größer als 0',
    liste: 'Höchstens 2 Einträge', art: 'Bitte einen der angebotenen Werte wählen', ok: 'Bitte bestätigen',
    geprueft: 'Bitte ankreuzen oder leer lassen', datum: 'Datum im Format JJJJ-MM-TT', text: 'Bitte Text eingeben',
    '(root)': 'Unbekanntes Feld: extra',
  });
  expect(messages(form.partial().strict(), { anzahl: 0 })).toEqual({ anzahl: 'Mindestens 1' });
  expect(messages(z.object({ n: z.number().int() }), { n: 2.5 })).toEqual({ n: 'Bitte eine ganze Zahl eingeben' });
  expect(messages(z.object({ n: z.coerce.number() }), { n: 'viele' })).toEqual({ n: 'Bitte eine Zahl eingeben' });
  expect(messages(z.object({ pflicht: z.string(), liste: z.array(z.string()) }), {})).toEqual({ pflicht: 'Pflichtfeld', liste: 'Pflichtfeld' });
});

it('keeps a schema’s own message, and leaves what it has no wording for to zod’s German', () => {
  expect(messages(z.object({ ags: z.string().regex(/^\d{8}$/, 'AGS: 8 Ziffern') }), { ags: '123' })).toEqual({ ags: 'AGS: 8 Ziffern' });
  const other = messages(z.object({ muster: z.string().regex(/^x+$/) }), { muster: 'y' }).muster;
  expect(other).toMatch(/^Ungültig/);
});
