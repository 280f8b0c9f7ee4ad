import type { Service } from '../../domain/catalog/services';
import { calculateOffer, computeOffer, issueOffer, offerSummary } from '../../activities/offer';
import { expectFailure, stepInput } from './helpers';

describe('calculateOffer', () => {
  it('prices every catalogue service by its unit and sums one-off, monthly and first year', () => {
    const offer = calculateOffer(40, ['ok-ewo', 'ok-fis', 'autista']);
    const line = (id: string) => offer.lines.find((l) => l.serviceId === id);
    expect(line('arbeitsplatz-betrieb')).toMatchObject({ quantity: 40, unitPriceCents: 6850, totalCents: 274000 });
    expect(line('fachverfahrensbetrieb')).toMatchObject({ quantity: 3, totalCents: 34500 });
    expect(line('projektpauschale')).toMatchObject({ quantity: 1, totalCents: 850000 });
    expect(line('verfahrensmigration')).toMatchObject({ quantity: 3, totalCents: 555000 });
    expect(line('arbeitsplatz-rollout')).toMatchObject({ quantity: 40, totalCents: 756000 });
    expect(offer.oneOffCents).toBe(2_598_000);
    expect(offer.monthlyCents).toBe(398_000);
    expect(offer.firstYearCents).toBe(2_598_000 + 12 * 398_000);
    expect(offerSummary(offer)).toBe('Angebot: 25.980,00 € einmalig, 3.980,00 € monatlich');
  });

  it('counts a Verfahren selected twice once and drops lines with quantity 0', () => {
    const offer = calculateOffer(0, ['ok-ewo', 'ok-ewo']);
    expect(offer.verfahren).toEqual(['ok-ewo']);
    expect(offer.lines.find((l) => l.serviceId === 'verfahrensmigration')?.quantity).toBe(1);
    expect(offer.lines.some((l) => l.serviceId === 'arbeitsplatz-betrieb')).toBe(false);
  });

  it('sums in cents, free of floating point error', () => {
    const services: Service[] = [
      { id: 'a', title: 'A', unit: 'arbeitsplatz', billing: 'monatlich', priceEur: 0.1 },
      { id: 'b', title: 'B', unit: 'pauschal', billing: 'monatlich', priceEur: 0.2 },
    ];
    const offer = calculateOffer(3, [], services);
    expect(offer.monthlyCents).toBe(50);
    expect(offerSummary(offer)).toBe('Angebot: 0,00 € einmalig, 0,50 € monatlich');
  });

  it('refuses catalogue prices that are not whole cents', () => {
    const services: Service[] = [{ id: 'x', title: 'X', unit: 'pauschal', billing: 'einmalig', priceEur: 1.005 }];
    expect(() => calculateOffer(1, [], services)).toThrow(/ganzen Cent/);
  });
});

describe('calculateOffer with a discount', () => {
  it('takes the discount off one-off and monthly sums in whole cents and keeps the list prices', () => {
    const offer = calculateOffer(40, ['ok-ewo', 'ok-fis', 'autista'], undefined, 10);
    expect(offer.listOneOffCents).toBe(2_598_000);
    expect(offer.oneOffCents).toBe(2_338_200);
    expect(offer.monthlyCents).toBe(358_200);
    expect(offer.firstYearCents).toBe(2_338_200 + 12 * 358_200);
    expect(offerSummary(offer)).toBe('Angebot: 23.382,00 € einmalig, 3.582,00 € monatlich (nach 10 % Rabatt)');
    expect(calculateOffer(1, [], [{ id: 'a', title: 'A', unit: 'pauschal', billing: 'einmalig', priceEur: 0.05 }], 7.5).oneOffCents).toBe(5);
  });
});

describe('computeOffer', () => {
  it('prices the workstations the Gemeinde answered in the Fragebogen, not the estimate of the start request', async () => {
    // the merged step data holds both: the start request's estimate and the Fragebogen's answer
    const res = await computeOffer(stepInput({ workstations: 7, arbeitsplaetze: 40, verfahren: ['ok-ewo', 'ok-fis', 'autista'] }));
    expect(res.result.arbeitsplaetze).toBe(40);
    expect(res.summary).toBe('Angebot: 25.980,00 € einmalig, 3.980,00 € monatlich');
    // whoever approves the offer learns that the rollout was planned for another number
    expect(res.result.hinweis).toBe('Der Fragebogen nennt 40 Arbeitsplätze, beim Start geplant (und in Rollout-Chargen eingeteilt) sind 7. '
      + 'Das Angebot rechnet mit dem Fragebogen; bitte die Chargen des Vorgangs angleichen oder die Zahl mit der Gemeinde klären.');
    expect((await computeOffer(stepInput({ workstations: 40, arbeitsplaetze: 40, verfahren: [] }))).result.hinweis).toBeUndefined();
  });

  it('reads arbeitsplaetze and verfahren and returns small totals', async () => {
    const res = await computeOffer(stepInput({ arbeitsplaetze: 40, verfahren: ['ok-ewo', 'ok-fis', 'autista'], other: 'x' }));
    expect(res.summary).toBe('Angebot: 25.980,00 € einmalig, 3.980,00 € monatlich');
    expect(res.result).toMatchObject({
      arbeitsplaetze: 40,
      verfahren: ['ok-ewo', 'ok-fis', 'autista'],
      einmaligEur: 25980,
      monatlichEur: 3980,
      erstesJahrEur: 73740,
    });
    expect(res.result.lines).toContainEqual({ serviceId: 'schulung', title: expect.any(String), quantity: 3, totalEur: 1920 });
  });

  it('accepts the workstation count as digit text from a form', async () => {
    const res = await computeOffer(stepInput({ arbeitsplaetze: '12', verfahren: [] }));
    expect(res.result.arbeitsplaetze).toBe(12);
  });

  it('names unknown Verfahren ids in a non-retryable failure', async () => {
    const failure = await expectFailure(
      () => computeOffer(stepInput({ arbeitsplaetze: 5, verfahren: ['ok-ewo', 'gibt-es-nicht', 'auch-nicht'] })),
      'UnbekanntesVerfahren',
    );
    expect(failure.message).toContain('gibt-es-nicht, auch-nicht');
    expect(failure.message).not.toContain('ok-ewo');
  });

  it.each([
    [{ verfahren: [], workstations: 5 }, /Arbeitsplätze.*"arbeitsplaetze"\) fehlt/],
    [{ arbeitsplaetze: -1, verfahren: [] }, /ganze Zahl/],
    [{ arbeitsplaetze: 2.5, verfahren: [] }, /ganze Zahl/],
    [{ arbeitsplaetze: 10 }, /verfahren.*fehlt/],
    [{ arbeitsplaetze: 10, verfahren: 'ok-ewo' }, /Liste/],
    [{ arbeitsplaetze: 10, verfahren: [1] }, /Liste/],
    [{ arbeitsplaetze: 0, verfahren: [] }, /beides ist leer/],
  ])('rejects bad input %j', async (data, message) => {
    const failure = await expectFailure(() => computeOffer(stepInput(data)), 'UngueltigeEingabe');
    expect(failure.message).toMatch(message);
  });
});

describe('issueOffer', () => {
  it('issues the approved offer with the discount set at "Angebot freigeben"', async () => {
    const res = await issueOffer(stepInput({ arbeitsplaetze: 40, verfahren: ['ok-ewo', 'ok-fis', 'autista'], rabattProzent: 10 }));
    expect(res.summary).toBe('Freigegebenes Angebot: 23.382,00 € einmalig, 3.582,00 € monatlich (nach 10 % Rabatt)');
    expect(res.result).toMatchObject({ rabattProzent: 10, listeEinmaligEur: 25980, einmaligEur: 23382, monatlichEur: 3582 });
  });

  it('needs the discount from the approval form', async () => {
    const failure = await expectFailure(() => issueOffer(stepInput({ arbeitsplaetze: 4, verfahren: [] })), 'UngueltigeEingabe');
    expect(failure.message).toMatch(/Rabatt.*fehlt/);
  });
});
