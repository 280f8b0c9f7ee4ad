// Corrected input for a failed step is checked like the original entry: every corrected field that came from an
// earlier step's form is validated, together with the rest of that form's data, by that form's own schema — so a
// repair cannot feed the step anything its form would have refused (422 with the field under `input.`).
import type { RunState } from '../workflows/messages';
import { formSchema } from './forms';
import { parseOr422 } from './problem';

export function checkCorrectedInput(state: RunState, input: Record<string, unknown> | undefined): void {
  if (!input) return;
  for (const task of state.tasks) {
    if (task.state !== 'done' || !task.formId || !task.data) continue;
    const schema = formSchema(task.formId);
    const corrected = Object.keys(input).filter((key) => key in schema.shape);
    if (corrected.length === 0) continue;
    const merged = { ...task.data, ...Object.fromEntries(corrected.map((key) => [key, input[key]])) };
    parseOr422(schema, merged, ['input']);
  }
}
