// German transliteration for identifiers (account names, DNS labels, OU names): umlauts become their two-letter
// spelling as Germans write them without umlauts; other diacritics are dropped.

const SPECIAL: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS',
  æ: 'ae', Æ: 'Ae', œ: 'oe', Œ: 'Oe', ø: 'oe', Ø: 'Oe', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  þ: 'th', Þ: 'Th', ı: 'i',
};

/** Keeps case; result contains only ASCII characters (non-Latin letters are removed). */
export function transliterateGerman(text: string): string {
  // NFC first so that "u" + combining diaeresis is treated like "ü" and becomes "ue", not "u".
  const composed = text.normalize('NFC');
  let out = '';
  for (const ch of composed) {
    out += SPECIAL[ch] ?? ch;
  }
  return out
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '');
}

/** "Dießen am Ammersee" → "diessen-am-ammersee": usable as a DNS label. */
export function slugify(text: string): string {
  return transliterateGerman(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
