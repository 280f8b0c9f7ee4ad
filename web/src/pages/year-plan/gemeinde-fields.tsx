// The two fields every year-plan question starts with, the same in the pipeline form and the what-if.
import { Field } from '../../components/field';

interface Props {
  /** keeps the fields' ids apart when both forms are on the page */
  idPrefix: string;
  gemeinden: { ags: string; name: string }[];
  form: { ags?: string; variant?: string };
  errors: Record<string, string[]>;
  set: (field: 'ags' | 'variant', value: string) => void;
}

export function GemeindeAndVariant({ idPrefix, gemeinden, form, errors, set }: Props) {
  return (
    <>
      <Field id={`${idPrefix}-ags`} label="Gemeinde" required errors={errors.ags}>
        {(aria) => (
          <select {...aria} value={form.ags ?? ''} onChange={(e) => set('ags', e.currentTarget.value)}>
            <option value="">– bitte wählen –</option>
            {gemeinden.map((g) => <option key={g.ags} value={g.ags}>{g.name}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${idPrefix}-variant`} label="Variante" required errors={errors.variant}>
        {(aria) => (
          <select {...aria} value={form.variant ?? ''} onChange={(e) => set('variant', e.currentTarget.value)}>
            <option value="mitglied">Mitglied</option>
            <option value="dienstleistung">Dienstleistung</option>
          </select>
        )}
      </Field>
    </>
  );
}
