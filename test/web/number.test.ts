// Numbers as typed in Bavaria: every number field of the web reads them with this one reader.
import { readNumber } from '../../web/src/lib/number';

it('reads a decimal comma, points between thousands and a copied decimal point; anything else is no number', () => {
  expect(['12', '2,5', '1.250', '1.250,5', '12.345.678', '-3', '0,25', '2.5', '.5', '1.2345'].map(readNumber)).toEqual([12, 2.5, 1250, 1250.5, 12345678, -3, 0.25, 2.5, 0.5, 1.2345]);
  expect(['', ' ', 'abc', '1,2,3', '1.25.0', '12a', '1 250'].map(readNumber)).toEqual(Array(7).fill(undefined));
});
