// After a refused submit, the first field marked invalid gets the focus, and with it scrolls into view: an error at
// a field far above the button (a long form, a phone) would otherwise look as if nothing had happened. Only a
// refusal moves the focus: an error that goes away while someone types leaves the focus where it is.
import { useEffect, useRef, useState } from 'preact/hooks';

/** `form` for the form element; `refused()` after the errors of a refused submit are set. */
export function useFocusFirstInvalid() {
  const form = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  return { form, refused: () => setRefusals((n) => n + 1) };
}
