// A number as people in Bavaria type it: a decimal comma ("2,5") and points between thousands ("1.250",
// "1.250,5"). One reader for every field that takes a number, so that each reads "1.250" alike.

/** The number `text` means, or undefined when it is none (empty, or not a number: the field says what is wrong). */
export function readNumber(text: string): number | undefined {
  const t = text.trim();
  let plain: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) plain = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+(,\d+)?$/.test(t)) plain = t.replace(',', '.');
  else if (/^-?\d*\.\d+$/.test(t)) plain = t; // a decimal point, as a spreadsheet may have copied it
  else return undefined;
  const n = Number(plain);
  return Number.isFinite(n) ? n : undefined;
}
