// IP plan for a Gemeinde site: one block per Gemeinde from the KU's address pool, split into VLANs.
// The block is remembered per AGS, so re-running the step (or the whole onboarding) yields the same plan.
import { ApplicationFailure } from '@temporalio/common';
import type { RecordRepository } from './adapters/record-repository';
import {
  blockSize,
  contains,
  firstFreeBlock,
  formatCidr,
  formatIPv4,
  lastAddress,
  overlaps,
  parseCidr,
  subnets,
  type Cidr,
} from './cidr';
import { FAILURE_TYPES, invalidInput } from './failures';
import { requireAgs } from './input-fields';
import type { StepActivityInput, StepActivityResult } from './step-input';
import { slugify } from './transliterate';

export interface Allocation {
  ags: string;
  gemeindeName: string;
  cidr: string;
  runId: string;
  /** ISO timestamp */
  allocatedAt: string;
}

export type NetworkAllocationRepository = RecordRepository<Allocation>;

/** No range is allocated twice: what the store enforces as unique, behind the lock of `exclusive`. */
export const allocationKey = (a: Allocation): string => a.cidr;

export interface NetworkPool {
  /** e.g. 10.81.0.0/16 */
  cidr: string;
  /** block size per Gemeinde, e.g. 22 */
  prefix: number;
}

export const DEFAULT_NETWORK_POOL: NetworkPool = { cidr: '10.81.0.0/16', prefix: 22 };

/** A Gemeinde block is split into four equal VLANs, one per purpose. */
const VLANS = [
  { id: 10, name: 'Verwaltung' },
  { id: 20, name: 'Drucker/Scanner' },
  { id: 30, name: 'VoIP' },
  { id: 40, name: 'Management' },
] as const;
/** each VLAN needs room for a gateway, some static hosts and a DHCP range */
const MAX_GEMEINDE_PREFIX = 26;
export const DNS_SUFFIX = 'kommunal.local';

export interface VlanPlan {
  id: number;
  name: string;
  cidr: string;
  gateway: string;
}

export interface NetworkPlan {
  cidr: string;
  gateway: string;
  netmask: string;
  dhcp: { start: string; end: string };
  vlans: VlanPlan[];
  dnsZone: string;
}

export function validatePool(pool: NetworkPool): Cidr {
  const cidr = parseCidr(pool.cidr);
  if (!Number.isInteger(pool.prefix) || pool.prefix < cidr.prefix || pool.prefix > MAX_GEMEINDE_PREFIX) {
    throw new Error(
      `Netzpool ${pool.cidr}: Präfix /${pool.prefix} je Gemeinde muss zwischen /${cidr.prefix} und /${MAX_GEMEINDE_PREFIX} liegen.`,
    );
  }
  return cidr;
}

function netmask(prefix: number): string {
  return formatIPv4(2 ** 32 - blockSize(prefix));
}

export function dnsZoneFor(gemeindeName: string): string {
  // A DNS label has at most 63 characters.
  const label = slugify(gemeindeName).slice(0, 63).replace(/-+$/, '');
  if (label === '') throw invalidInput(`Aus dem Gemeindenamen "${gemeindeName}" lässt sich keine DNS-Zone bilden.`);
  return `${label}.${DNS_SUFFIX}`;
}

/** Pure: the site plan for an allocated block. The lower quarter of the office VLAN stays for static hosts. */
export function planForBlock(block: Cidr, gemeindeName: string): NetworkPlan {
  const vlanBlocks = subnets(block, block.prefix + 2);
  const vlans = VLANS.map((v, i) => ({
    id: v.id,
    name: v.name,
    cidr: formatCidr(vlanBlocks[i]),
    gateway: formatIPv4(vlanBlocks[i].network + 1),
  }));
  const office = vlanBlocks[0];
  return {
    cidr: formatCidr(block),
    gateway: vlans[0].gateway,
    netmask: netmask(block.prefix),
    dhcp: {
      start: formatIPv4(office.network + blockSize(office.prefix) / 4),
      end: formatIPv4(lastAddress(office) - 1),
    },
    vlans,
    dnsZone: dnsZoneFor(gemeindeName),
  };
}

/** Pure: the block for `ags`, either its earlier allocation or the first free one (undefined: pool exhausted). */
export function chooseBlock(
  pool: Cidr,
  prefix: number,
  existing: readonly Allocation[],
  ags: string,
): { block: Cidr; isNew: boolean } | undefined {
  const earlier = existing.find((a) => a.ags === ags);
  if (earlier) return { block: parseCidr(earlier.cidr), isNew: false };
  const taken = existing.map((a) => parseCidr(a.cidr));
  const block = firstFreeBlock(pool, prefix, taken);
  return block ? { block, isNew: true } : undefined;
}

export function createNetworkPlanActivities(
  repo: NetworkAllocationRepository,
  pool: NetworkPool = DEFAULT_NETWORK_POOL,
  now: () => Date = () => new Date(),
) {
  const poolCidr = validatePool(pool);

  async function allocateNetworkPlan(input: StepActivityInput): Promise<StepActivityResult> {
    const ags = requireAgs(input.ags);
    if (typeof input.gemeindeName !== 'string' || input.gemeindeName.trim() === '') {
      throw invalidInput('Der Gemeindename fehlt; ohne ihn lässt sich keine DNS-Zone bilden.');
    }
    // Validate the name before taking a range, so a bad name never leaves an allocation behind.
    dnsZoneFor(input.gemeindeName);
    // Exclusive across worker processes: two Gemeinden allocating at once must not both take the first free block.
    const { block, isNew } = await repo.exclusive(async (access) => {
      const existing = await access.list();
      const chosen = chooseBlock(poolCidr, pool.prefix, existing, ags);
      if (!chosen) {
        throw ApplicationFailure.nonRetryable(
          `Adressbereich erschöpft: Im Netzpool ${pool.cidr} ist kein freier /${pool.prefix}-Block mehr für ` +
            `${input.gemeindeName} (${ags}). Bitte den Pool erweitern.`,
          FAILURE_TYPES.addressPoolExhausted,
        );
      }
      if (chosen.isNew) {
        const clash = existing.find((a) => overlaps(parseCidr(a.cidr), chosen.block));
        if (clash) throw new Error(`Interner Fehler: ${formatCidr(chosen.block)} überschneidet ${clash.cidr}.`);
        await access.save({
          ags,
          gemeindeName: input.gemeindeName,
          cidr: formatCidr(chosen.block),
          runId: input.runId,
          allocatedAt: now().toISOString(),
        });
      }
      return chosen;
    });
    const plan = planForBlock(block, input.gemeindeName);
    const outsidePool = !contains(poolCidr, block);
    return {
      summary:
        `Netzplan für ${input.gemeindeName}: ${plan.cidr}, Gateway ${plan.gateway}, DNS-Zone ${plan.dnsZone}` +
        (isNew ? '.' : ' (bestehende Zuteilung).'),
      result: { ...plan, newlyAllocated: isNew, ...(outsidePool ? { outsidePool: true } : {}) },
    };
  }

  /** Compensation of a cancelled onboarding: frees the range this run allocated, so another Gemeinde can have it. */
  async function releaseNetworkPlan(input: StepActivityInput): Promise<StepActivityResult> {
    const ags = requireAgs(input.ags);
    // a single remove: nothing to decide, so no need to keep allocations waiting
    const removed = await repo.remove((a) => a.ags === ags && a.runId === input.runId);
    return {
      summary: removed ? `Adressbereich von ${input.gemeindeName} freigegeben.` : 'Kein Adressbereich zu diesem Vorgang vergeben.',
      result: { released: removed },
    };
  }

  return { allocateNetworkPlan, releaseNetworkPlan };
}
