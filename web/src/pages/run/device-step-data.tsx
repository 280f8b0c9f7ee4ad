// What a person states when devices are recorded done in the Übergabe or the Datenträgervernichtung (the date and the
// signed protocol; DIN 66399 class, level and certificate number): the fields of the batch task's form, so the API
// checks them as it checks the task (api/device-actions.ts) and the certificate lands in the register.
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { DeviceActionBody } from '../../api/types';
import { fieldsOf, initialValues, toData, type FieldSpec, type FormValues } from '../../forms/json-schema';
import { SchemaForm } from '../../forms/schema-form';
import { useResource } from '../../lib/use-resource';

/** the per-device steps whose batch task takes its data from the person recording the devices (api/device-actions.ts STATED) */
const STATED: ReadonlySet<string> = new Set<DeviceActionBody['step']>(['uebergabe', 'datenvernichtung']);

export interface StepData {
  /** the form's fields; empty when the step needs none */
  fields: FieldSpec[];
  /** the step needs them but its task cannot be read yet (not open) */
  unavailable: boolean;
  values: FormValues;
  setValue: (name: string, value: string | boolean) => void;
  data: () => Record<string, unknown> | undefined;
}

export function useStepData(runId: string, stepId: string): StepData {
  const stated = STATED.has(stepId);
  const task = useResource(() => (stated ? api.task(`${runId}:${stepId}`) : Promise.resolve(undefined)), [runId, stepId]);
  const fields = useMemo(() => (task.data?.form ? fieldsOf(task.data.form.schema) : []), [task.data]);
  // what the person typed over the form's defaults (no effect resetting them once the fields arrive)
  const [typed, setValues] = useState<FormValues>({});
  const values = useMemo(() => ({ ...initialValues(fields), ...typed }), [fields, typed]);
  return {
    fields,
    unavailable: stated && !task.loading && fields.length === 0,
    values,
    setValue: (name, value) => setValues((old) => ({ ...old, [name]: value })),
    data: () => (fields.length ? toData(fields, values) : undefined),
  };
}

export function StepDataFields({ step, errors }: { step: StepData; errors: Record<string, string[]> }) {
  if (step.unavailable) return <p class="muted">Die Angaben dieses Schritts lassen sich erfassen, sobald seine Aufgabe offen ist.</p>;
  if (!step.fields.length) return null;
  return <SchemaForm fields={step.fields} values={step.values} errors={errors} onChange={step.setValue} idPrefix="device-data" />;
}
