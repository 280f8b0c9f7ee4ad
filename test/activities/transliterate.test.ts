import { slugify, transliterateGerman } from '../../activities/transliterate';

describe('transliterate', () => {
  it('spells umlauts out and drops other diacritics', () => {
    expect(transliterateGerman('Jürgen Weiß-Öztürk')).toBe('Juergen Weiss-Oeztuerk');
    expect(transliterateGerman('Žaneta Dvořáková, François, Łukasz')).toBe('Zaneta Dvorakova, Francois, Lukasz');
    // decomposed "u" + combining diaeresis is still an ü
    expect(transliterateGerman('Mu\u0308ller')).toBe('Mueller');
    expect(slugify('Dießen am Ammersee')).toBe('diessen-am-ammersee');
  });
});
