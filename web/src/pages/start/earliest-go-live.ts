// The start form's hint "frühestens 14.10.2027": the API works out the earliest feasible go-live from the template
// as soon as variant, Verfahren and workstations are known, and again whenever they change.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/endpoints';

export interface PlanInputs {
  variant: string;
  verfahren: string[];
  workstations: string;
}

export function useEarliestGoLive({ variant, verfahren, workstations }: PlanInputs): string | undefined {
  const [earliest, setEarliest] = useState<string>();
  // the effect depends on the values, not on the identity of the Verfahren array
  const key = JSON.stringify([variant, verfahren, workstations.trim()]);
  useEffect(() => {
    const n = workstations.trim() ? Number(workstations.trim()) : 0;
    // an invalid count has no plan: no date rather than the one worked out for the inputs before
    if (!Number.isInteger(n) || n < 0 || n > 5000) {
      setEarliest(undefined);
      return;
    }
    let live = true;
    // typing a number or ticking several Verfahren asks once, after a short pause
    const timer = setTimeout(() => {
      api.planPreview({ process: 'gemeinde-onboarding', input: { variant, verfahren, workstations: n } }).then(
        (p) => live && setEarliest(p.earliestGoLive),
        () => live && setEarliest(undefined),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return earliest;
}
