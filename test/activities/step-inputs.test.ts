// Every key an automated step reads must be given to it: by the run's start request, or by the form of a step that
// finishes before it. Checked for every step of every template against the declared input schemas.
import { z } from 'zod';
import { STEP_INPUTS, readStepInput, type InputSource } from '../../activities/step-inputs';
import { FORMS } from '../../api/forms';
import { migrationInput, onboardingInput, rolloutInput } from '../../api/schemas';
import { TEMPLATES } from '../../domain/templates';
import type { ActivityName, ProcessId, ProcessTemplate, StepTemplate } from '../../domain/types';

/** Keys of each process's start request (a child run's request is its child input, `after` included). */
const REQUEST_KEYS: Record<ProcessId, string[]> = {
  'gemeinde-onboarding': Object.keys(onboardingInput.shape),
  'verfahren-migration': [...Object.keys(migrationInput.shape), 'after'],
  'arbeitsplatz-rollout': Object.keys(rolloutInput.shape),
};

function ancestorsOf(template: ProcessTemplate, step: StepTemplate): StepTemplate[] {
  const byId = new Map(template.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const todo = [...step.dependsOn];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...byId.get(id)!.dependsOn);
  }
  return template.steps.filter((s) => seen.has(s.id));
}

/** Where a step's declared keys do not come from where they are said to. */
function provenanceProblems(
  template: ProcessTemplate,
  step: StepTemplate,
  schema: z.ZodObject,
  sources: Record<string, InputSource>,
): string[] {
  const problems: string[] = [];
  const earlier = ancestorsOf(template, step);
  for (const key of Object.keys(schema.shape)) {
    const source = sources[key];
    const where = `${template.id}/${step.id} (${step.activity}) liest "${key}"`;
    if (!source) problems.push(`${where} ohne Quelle`);
    else if ('request' in source) {
      if (!REQUEST_KEYS[template.id].includes(key)) problems.push(`${where} aus dem Startantrag, der das Feld nicht hat`);
    } else if ('form' in source) {
      const giver = earlier.find((s) => s.form === source.form);
      if (!giver) problems.push(`${where} aus Formular ${source.form}, das kein früherer Schritt hat`);
      else if (!(key in FORMS[source.form].shape)) problems.push(`${where} aus Formular ${source.form} (${giver.id}), das das Feld nicht hat`);
    } else if (!(schema.shape[key] as z.ZodType).safeParse(undefined).success) {
      problems.push(`${where} nur aus einer Korrektur, aber als Pflichtfeld`);
    }
  }
  return problems;
}

const automatedSteps = Object.values(TEMPLATES).flatMap((template) =>
  template.steps.filter((s) => s.activity).map((step) => [`${template.id}/${step.id}`, template, step] as const),
);

describe('inputs of automated steps', () => {
  it.each(automatedSteps)('%s reads only keys its run input or an earlier form gives it', (_name, template, step) => {
    const declared = STEP_INPUTS[step.activity as ActivityName];
    expect(provenanceProblems(template, step, declared.schema, declared.sources)).toEqual([]);
  });

  it('would have caught the offer reading the start request instead of the Fragebogen', () => {
    const onboarding = TEMPLATES['gemeinde-onboarding'];
    const offerStep = onboarding.steps.find((s) => s.activity === 'computeOffer')!;
    // the old offer read `workstations`: the start request's estimate, which the Fragebogen does not answer
    const old = z.object({ workstations: z.number(), verfahren: z.array(z.string()) });
    expect(provenanceProblems(onboarding, offerStep, old, { workstations: { form: 'fragebogen' }, verfahren: { request: true } }))
      .toEqual(['gemeinde-onboarding/angebot-berechnen (computeOffer) liest "workstations" aus Formular fragebogen (fragebogen), das das Feld nicht hat']);
    // and a discount cannot be read before the approval that sets it
    const early = z.object({ rabattProzent: z.number() });
    expect(provenanceProblems(onboarding, offerStep, early, { rabattProzent: { form: 'angebotFreigabe' } }))
      .toEqual(['gemeinde-onboarding/angebot-berechnen (computeOffer) liest "rabattProzent" aus Formular angebotFreigabe, das kein früherer Schritt hat']);
  });

  it('declares a source for every key and an input for every activity', () => {
    for (const [name, declared] of Object.entries(STEP_INPUTS)) {
      expect([name, Object.keys(declared.sources).sort()]).toEqual([name, Object.keys(declared.schema.shape).sort()]);
    }
  });

  it('refuses missing or malformed keys with the field named in German', () => {
    expect(() => readStepInput('importInventory', {})).toThrow('Inventar-Export (CSV) (Feld "inventarCsv") fehlt.');
    expect(() => readStepInput('reconcileTestMigration', { quelleCsv: 'a', zielCsv: 'a', schluessel: 'a', summenfelder: 'Betrag' }))
      .toThrow('Summenfelder (Feld "summenfelder") muss eine Liste von Texten sein.');
    expect(readStepInput('planAccounts', { mitarbeiterliste: 'x', fremd: 1 })).toEqual({ mitarbeiterliste: 'x' });
  });
});
