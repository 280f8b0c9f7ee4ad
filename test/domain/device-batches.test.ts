// Issue 14 item 2: an onboarding's batches are formed from the Gemeinde's devices, by location and a maximum size.
import { formBatches, NO_LOCATION } from '../../domain/device-batches';

const AGS = '09181128';
const at = (location: string | undefined, n: number, prefix = 'SN') =>
  Array.from({ length: n }, (_, i) => ({ serial: `${prefix}-${location ?? 'x'}-${String(i).padStart(3, '0')}`, ...(location ? { location } : {}) }));

describe('formBatches', () => {
  it('groups by location (without case) and splits a location into near-equal batches of at most the size', () => {
    const batches = formBatches(AGS, [...at('Rathaus', 60), ...at('standesamt', 1, 'A'), ...at('Standesamt', 2, 'B')], 25);
    expect(batches.map((b) => [b.name, b.serials.length])).toEqual([
      ['Rathaus 1', 20], ['Rathaus 2', 20], ['Rathaus 3', 20], ['standesamt 1', 3],
    ]);
    expect(batches[0].id).toBe(`rollout-${AGS}-rathaus-1`);
    expect(batches[0].location).toBe('Rathaus');
    // every device in exactly one batch
    expect(new Set(batches.flatMap((b) => b.serials)).size).toBe(63);
  });

  it('puts devices without a location last, and keeps ids unique when names differ only in punctuation', () => {
    const batches = formBatches(AGS, [...at(undefined, 2), ...at('Bau-Hof', 1), ...at('Bau Hof', 1, 'Z')], 10);
    expect(batches.map((b) => b.name)).toEqual(['Bau Hof 1', 'Bau-Hof 1 (2)', `${NO_LOCATION} 1`]);
    expect(new Set(batches.map((b) => b.id)).size).toBe(3);
    expect(batches[2].location).toBeUndefined();
    // a standalone rollout already named "Bau Hof 1"
    expect(formBatches(AGS, at('Bau Hof', 1), 10, new Set([`rollout-${AGS}-bau-hof-1`]))[0].name).toBe('Bau Hof 1 (2)');
  });

  it('forms nothing from no devices and treats a size below 1 as 1', () => {
    expect(formBatches(AGS, [])).toEqual([]);
    expect(formBatches(AGS, at('Rathaus', 2), 0).map((b) => b.serials.length)).toEqual([1, 1]);
  });
});
