// Whether a scrolling box holds more than it shows sideways, kept up to date as the window or the content changes:
// a wide table then says that it scrolls (a scrollbar alone is easy to miss, and hidden on touch screens).
import { useEffect, useRef, useState } from 'preact/hooks';

export function useOverflowsSideways<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setOverflows(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return { ref, overflows };
}
