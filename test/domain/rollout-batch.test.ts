import { batchOfTitle, rolloutTitle } from '../../domain/rollout-batch';

describe('rollout batch in the run title', () => {
  it('reads back the batch it wrote, colons and brackets in the name included', () => {
    for (const batch of [{ name: 'Rathaus 1', devices: 40 }, { name: 'Bauhof: Halle (Nord)', devices: 3 }]) {
      expect(batchOfTitle(rolloutTitle('Arbeitsplatz-Rollout', batch))).toEqual(batch);
    }
  });
  it('finds no batch in another title', () => {
    expect(batchOfTitle('Gemeinde-Onboarding Kaufering')).toBeUndefined();
  });
});
