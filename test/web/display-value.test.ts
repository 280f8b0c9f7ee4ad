// The read-only view of a done task's data (web/src/forms/json-schema.ts displayValue): values as people here write
// them — numbers with a decimal comma, dates as TT.MM.JJJJ, yes and no.
import { displayValue, type FieldSpec } from '../../web/src/forms/json-schema';

const field = (kind: FieldSpec['kind']) => ({ name: 'x', label: 'X', kind, required: false }) as FieldSpec;

it('shows numbers with a German decimal comma and thousands point', () => {
  expect(displayValue(field('number'), 5.5)).toBe('5,5');
  expect(displayValue(field('number'), 1200)).toBe('1.200');
  expect(displayValue(field('integer'), 0)).toBe('0');
});

it('shows dates, yes and no, and nothing as people read them', () => {
  expect(displayValue(field('date'), '2027-03-05')).toBe('05.03.2027');
  expect(displayValue(field('checkbox'), true)).toBe('ja');
  expect(displayValue(field('text'), '')).toBe('–');
});
