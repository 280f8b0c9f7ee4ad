// The documents of store/documents.ts on every backend: a paper saved once per content and kind (the same scan as the
// same kind again is refused, naming the first; as another kind, or after the first was deleted, it is taken), its
// metadata read without its bytes, and the generated ones, which keep their fixed id instead.
import { DuplicateDocumentError } from '../../store/store';
import { backends, type TestStore } from './backends';

const RUN = 'onboarding-09181128';
const paper = (note: string, kind?: string) => ({
  runId: RUN, ags: '09181128', kind, name: `${note}.pdf`, type: 'application/pdf', content: Buffer.from(`%PDF-1.4\n% ${note}\n`), by: 'buergermeister-09181128',
});

describe.each(backends())('document store (%s)', (_name, backend) => {
  let t: TestStore;
  beforeEach(async () => { t = await backend.open(); });
  afterEach(async () => { await t?.destroy(); });

  it('refuses the same content as the same kind of the same run, naming the first', async () => {
    const docs = t.store.documents;
    const first = await docs.save(paper('vertrag', 'vertrag'));
    const again = await docs.save({ ...paper('vertrag', 'vertrag'), name: 'nochmal.pdf' }).catch((err: unknown) => err);
    expect(again).toBeInstanceOf(DuplicateDocumentError);
    expect((again as DuplicateDocumentError).existing).toMatchObject({ id: first.id, name: 'vertrag.pdf', at: first.at });
    // as another kind, or without a kind, and in another run, the same content is taken
    await docs.save(paper('vertrag', 'vertrag-vorlage'));
    await docs.save(paper('vertrag'));
    await docs.save({ ...paper('vertrag', 'vertrag'), runId: 'onboarding-09181130', ags: '09181130' });
    expect((await docs.list(RUN)).map((d) => d.kind ?? '–')).toEqual(['vertrag', 'vertrag-vorlage', '–']);
    // once the first is deleted, the same paper may come again
    await docs.remove(first.id, 'd.krueger');
    expect((await docs.save(paper('vertrag', 'vertrag'))).id).not.toBe(first.id);
  });

  it('reads a document without its bytes, and keeps a generated one by its fixed id', async () => {
    const docs = t.store.documents;
    const saved = await docs.save(paper('avv', 'avv'));
    expect(await docs.meta(saved.id)).toEqual(saved);
    expect(await docs.meta('unbekannt')).toBeUndefined();
    const offer = { ...paper('angebot', 'angebot'), by: 'system', id: `${RUN}:angebot` };
    const generated = await docs.save(offer, { generated: true });
    expect(await docs.save(offer, { generated: true })).toEqual(generated);
  });
});
