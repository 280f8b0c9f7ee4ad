// Wires the step activities to their records in the application's store (table activity_records). Worker start-up
// calls this once; the returned object is what `Worker.create({ activities })` receives.
import type { ActivityName } from '../domain/types';
import type { Store } from '../store/store';
import { computeOffer, issueOffer } from './offer';
import { withOfferPdf } from './offer-pdf';
import { planAccounts } from './accounts';
import { createInventoryActivities, inventoryRecordKey, type InventoryRecord } from './inventory';
import { allocationKey, createNetworkPlanActivities, DEFAULT_NETWORK_POOL, type Allocation } from './network-plan';
import { reconcileTestMigration } from './reconciliation';
import type { StepActivityInput, StepActivityResult } from './step-input';

/** collection names in activity_records */
export const RECORD_COLLECTIONS = { networkAllocations: 'network-allocations', inventory: 'inventory' } as const;

export interface StepActivityDeps {
  /** the application's store: every worker process shares the records there */
  store: Pick<Store, 'records' | 'documents' | 'devices'>;
  /** IPv4 pool Gemeinde ranges are taken from (default 10.81.0.0/16) */
  networkPool?: string;
  /** prefix length of one Gemeinde's range (default 22) */
  networkPrefix?: number;
}

export function createStepActivities(deps: StepActivityDeps) {
  const network = createNetworkPlanActivities(
    deps.store.records.collection<Allocation>(RECORD_COLLECTIONS.networkAllocations, { uniqueKey: allocationKey }),
    {
      cidr: deps.networkPool ?? DEFAULT_NETWORK_POOL.cidr,
      prefix: deps.networkPrefix ?? DEFAULT_NETWORK_POOL.prefix,
    },
  );
  const inventory = createInventoryActivities(
    deps.store.records.collection<InventoryRecord>(RECORD_COLLECTIONS.inventory, { uniqueKey: inventoryRecordKey }),
    undefined,
    deps.store.devices,
  );
  return {
    computeOffer,
    // the released offer (with its discount) is also stored as a PDF document of the run (activities/offer-pdf.ts)
    issueOffer: withOfferPdf(issueOffer, deps.store.documents),
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
