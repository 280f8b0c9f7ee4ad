// The Übersicht's monthly board report (PDF or CSV of a month), for those who plan:
// project leads, the board, the administration (the server decides, api/policy.ts).
import { useState } from 'preact/hooks';
import { planningApi } from '../api/planning-types';
import type { User } from '../api/types';
import { mayPlan } from '../auth/session';
import { problemText } from '../components/notice';
import { todayIso } from '../lib/format';

const thisMonth = () => todayIso().slice(0, 7);

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PlanningActions({ user }: { user: User }) {
  const [month, setMonth] = useState(thisMonth);
  const [error, setError] = useState<string>();
  if (!mayPlan(user)) return null;
  const download = async (type: 'application/pdf' | 'text/csv') => {
    setError(undefined);
    // the picker's max does not stop a typed month; the API refuses it too, at its field
    if (month > thisMonth()) return setError('Für einen kommenden Monat gibt es noch keinen Bericht.');
    try {
      save(await planningApi.report(month, type), `portfoliobericht-${month}.${type === 'text/csv' ? 'csv' : 'pdf'}`);
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <>
      <label class="sr-only" for="report-month">Monat des Berichts</label>
      <input id="report-month" type="month" max={thisMonth()} value={month} onInput={(e) => setMonth(e.currentTarget.value)} />
      <button type="button" class="button button--secondary" onClick={() => void download('application/pdf')}>
        Monatsbericht (PDF)
      </button>
      <button type="button" class="button button--secondary" onClick={() => void download('text/csv')}>
        Monatsbericht (CSV)
      </button>
      {error && <span role="alert" class="field__error">{error}</span>}
    </>
  );
}
