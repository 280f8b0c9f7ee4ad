// Wires the step activities to their file-backed stores under the data directory. Worker start-up calls this
// once; the returned object is what `Worker.create({ activities })` receives.
import * as path from 'path';
import type { ActivityName } from '../domain/types';
import { computeOffer } from './offer';
import { planAccounts } from './accounts';
import { createJsonFileRepository } from './adapters/json-file-repository';
import { createInventoryActivities, type InventoryRecord } from './inventory';
import { createNetworkPlanActivities, DEFAULT_NETWORK_POOL, type Allocation } from './network-plan';
import { reconcileTestMigration } from './reconciliation';
import type { StepActivityInput, StepActivityResult } from './step-input';

export interface StepActivityDeps {
  dataDir: string;
  /** IPv4 pool Gemeinde ranges are taken from (default 10.81.0.0/16) */
  networkPool?: string;
  /** prefix length of one Gemeinde's range (default 22) */
  networkPrefix?: number;
}

export function createStepActivities(deps: StepActivityDeps) {
  const network = createNetworkPlanActivities(
    createJsonFileRepository<Allocation>(path.join(deps.dataDir, 'network-allocations.json')),
    {
      cidr: deps.networkPool ?? DEFAULT_NETWORK_POOL.cidr,
      prefix: deps.networkPrefix ?? DEFAULT_NETWORK_POOL.prefix,
    },
  );
  const inventory = createInventoryActivities(
    createJsonFileRepository<InventoryRecord>(path.join(deps.dataDir, 'inventory.json')),
  );
  return {
    computeOffer,
    importInventory: inventory.importInventory,
    allocateNetworkPlan: network.allocateNetworkPlan,
    releaseNetworkPlan: network.releaseNetworkPlan,
    planAccounts,
    reconcileTestMigration,
    registerDevices: inventory.registerDevices,
    retireDevices: inventory.retireDevices,
    // Templates name activities by ActivityName: every name must be here, and nothing else.
  } satisfies Record<ActivityName, (input: StepActivityInput) => Promise<StepActivityResult>>;
}

export type StepActivities = ReturnType<typeof createStepActivities>;
export type { StepActivityInput, StepActivityResult } from './step-input';
