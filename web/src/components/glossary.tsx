// Glossary terms where they appear (an <abbr> with the explanation as its title, linked to the list) and the list
// of the terms a page shows. The terms and explanations live in lib/glossary.ts only.
import type { ComponentChildren } from 'preact';
import { glossaryEntry, TERM_PATTERN, type GlossaryEntry } from '../lib/glossary';

const anchor = (term: string) => `begriff-${term.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** `text` with its glossary terms explained in place. */
export function WithTerms({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const m of text.matchAll(TERM_PATTERN)) {
    const entry = glossaryEntry(m[1])!;
    parts.push(text.slice(at, m.index));
    parts.push(
      <a href={`#${anchor(entry.term)}`} class="term">
        <abbr title={`${entry.long ? `${entry.long}: ` : ''}${entry.explanation}`}>{m[1]}</abbr>
      </a>,
    );
    at = m.index + m[1].length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

export function Glossary({ entries }: { entries: GlossaryEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <section class="section card" aria-labelledby="glossary-title">
      <h2 id="glossary-title">Begriffe kurz erklärt</h2>
      <dl class="glossary">
        {entries.map((g) => (
          <div key={g.term} id={anchor(g.term)}>
            <dt>{g.term}{g.long ? ` (${g.long})` : ''}</dt>
            <dd>{g.explanation}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
