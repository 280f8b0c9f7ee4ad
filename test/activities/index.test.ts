import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createStepActivities, RECORD_COLLECTIONS } from '../../activities';
import { openStore, type Store } from '../../store/store';
import { stepInput } from './helpers';

describe('createStepActivities', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'step-activities-'));
    store = await openStore({ dataDir: dir });
  });
  afterAll(async () => {
    await store?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('offers every activity the templates may name', () => {
    const activities = createStepActivities({ store });
    expect(Object.keys(activities).sort()).toEqual([
      'allocateNetworkPlan', 'computeOffer', 'importInventory', 'issueOffer', 'planAccounts', 'reconcileTestMigration',
      'registerDevices', 'releaseNetworkPlan', 'retireDevices',
    ]);
  });

  it('keeps network allocations and inventory numbers in the store, with the configured pool', async () => {
    const activities = createStepActivities({ store, networkPool: '192.168.0.0/20', networkPrefix: 23 });
    const net = await activities.allocateNetworkPlan(stepInput({}));
    expect(net.result).toMatchObject({ cidr: '192.168.0.0/23', gateway: '192.168.0.1' });
    await activities.registerDevices(stepInput({ devices: 2 }));
    expect(await store.records.collection(RECORD_COLLECTIONS.networkAllocations).list()).toEqual([
      expect.objectContaining({ ags: '09181128', cidr: '192.168.0.0/23', runId: 'run-1' }),
    ]);
    expect(await store.records.collection(RECORD_COLLECTIONS.inventory).list()).toEqual([
      expect.objectContaining({ kind: 'registrierung', runId: 'run-1', first: 1, count: 2 }),
    ]);
    // nothing under the data directory but the embedded database
    expect(await fs.readdir(dir)).toEqual(['pgdata']);
  });

  it('rejects a misconfigured pool at start-up', () => {
    expect(() => createStepActivities({ store, networkPool: '10.81.0.0/16', networkPrefix: 8 })).toThrow(/Präfix/);
  });
});
