import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createStepActivities } from '../../activities';
import { stepInput } from './helpers';

describe('createStepActivities', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'step-activities-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('offers every activity the templates may name', () => {
    const activities = createStepActivities({ dataDir: dir });
    expect(Object.keys(activities).sort()).toEqual([
      'allocateNetworkPlan', 'computeOffer', 'importInventory', 'planAccounts', 'reconcileTestMigration',
      'registerDevices', 'releaseNetworkPlan', 'retireDevices',
    ]);
  });

  it('stores network allocations and inventory numbers under the data directory, with the configured pool', async () => {
    const activities = createStepActivities({ dataDir: dir, networkPool: '192.168.0.0/20', networkPrefix: 23 });
    const net = await activities.allocateNetworkPlan(stepInput({}));
    expect(net.result).toMatchObject({ cidr: '192.168.0.0/23', gateway: '192.168.0.1' });
    await activities.registerDevices(stepInput({ devices: 2 }));
    expect((await fs.readdir(dir)).sort()).toEqual(['inventory.json', 'network-allocations.json']);
  });

  it('rejects a misconfigured pool at start-up', () => {
    expect(() => createStepActivities({ dataDir: dir, networkPool: '10.81.0.0/16', networkPrefix: 8 })).toThrow(/Präfix/);
  });
});
