// Which activity undoes an automated step when its run is cancelled: declared by the template's step
// (`compensation`). Plans resolved before the field existed (runs started earlier, recorded histories) lack it;
// their steps are undone as the templates now declare for the same activity, as they were before.
import { TEMPLATES } from './templates';
import type { ActivityName, ProcessTemplate, StepTemplate } from './types';

/** The compensation the templates declare for each activity (the first declaration wins). */
export function declaredCompensations(templates: ProcessTemplate[]): Partial<Record<ActivityName, ActivityName>> {
  const out: Partial<Record<ActivityName, ActivityName>> = {};
  for (const template of templates) {
    for (const step of template.steps) if (step.activity && step.compensation) out[step.activity] ??= step.compensation;
  }
  return out;
}

const DECLARED = declaredCompensations(Object.values(TEMPLATES));

/** The activity that undoes this step, if any. */
export function compensationOf(step: Pick<StepTemplate, 'activity' | 'compensation'>): ActivityName | undefined {
  if (step.compensation) return step.compensation;
  return step.activity ? DECLARED[step.activity] : undefined;
}
