import { createInMemoryRepository } from '../../activities/adapters/in-memory-repository';
import {
  type Allocation,
  chooseBlock,
  createNetworkPlanActivities,
  dnsZoneFor,
  planForBlock,
  validatePool,
} from '../../activities/network-plan';
import { parseCidr } from '../../activities/cidr';
import { expectFailure, stepInput } from './helpers';

const fixedNow = () => new Date('2025-03-01T10:00:00Z');

function allocation(ags: string, cidr: string): Allocation {
  return { ags, gemeindeName: `G${ags}`, cidr, runId: 'r', allocatedAt: '2025-01-01T00:00:00.000Z' };
}

describe('planForBlock', () => {
  it('splits a /22 into four VLAN /24s with gateways, DHCP range and DNS zone', () => {
    const plan = planForBlock(parseCidr('10.81.4.0/22'), 'Dießen am Ammersee');
    expect(plan).toEqual({
      cidr: '10.81.4.0/22',
      gateway: '10.81.4.1',
      netmask: '255.255.252.0',
      dhcp: { start: '10.81.4.64', end: '10.81.4.254' },
      vlans: [
        { id: 10, name: 'Verwaltung', cidr: '10.81.4.0/24', gateway: '10.81.4.1' },
        { id: 20, name: 'Drucker/Scanner', cidr: '10.81.5.0/24', gateway: '10.81.5.1' },
        { id: 30, name: 'VoIP', cidr: '10.81.6.0/24', gateway: '10.81.6.1' },
        { id: 40, name: 'Management', cidr: '10.81.7.0/24', gateway: '10.81.7.1' },
      ],
      dnsZone: 'diessen-am-ammersee.kommunal.local',
    });
  });

  it('scales the VLANs with the configured prefix', () => {
    const plan = planForBlock(parseCidr('172.16.0.0/24'), 'Igling');
    expect(plan.vlans.map((v) => v.cidr)).toEqual(['172.16.0.0/26', '172.16.0.64/26', '172.16.0.128/26', '172.16.0.192/26']);
    expect(plan.dhcp).toEqual({ start: '172.16.0.16', end: '172.16.0.62' });
  });
});

describe('dnsZoneFor', () => {
  it('transliterates and shortens to a DNS label', () => {
    expect(dnsZoneFor('Schondorf am Ammersee')).toBe('schondorf-am-ammersee.kommunal.local');
    expect(dnsZoneFor('Ä'.repeat(40)).split('.')[0].length).toBeLessThanOrEqual(63);
  });
});

describe('validatePool', () => {
  it('rejects misconfigured pools', () => {
    expect(() => validatePool({ cidr: '10.81.0.0/16', prefix: 15 })).toThrow(/Präfix/);
    expect(() => validatePool({ cidr: '10.81.0.0/16', prefix: 27 })).toThrow(/Präfix/);
    expect(() => validatePool({ cidr: '10.81.1.0/16', prefix: 22 })).toThrow(/Netzadresse/);
  });
});

describe('chooseBlock', () => {
  const pool = parseCidr('10.81.0.0/16');
  it('returns the earlier block for a known AGS and the first free block otherwise', () => {
    const existing = [allocation('09181128', '10.81.0.0/22'), allocation('09181114', '10.81.4.0/22')];
    expect(chooseBlock(pool, 22, existing, '09181114')).toEqual({ block: parseCidr('10.81.4.0/22'), isNew: false });
    expect(chooseBlock(pool, 22, existing, '09181144')).toEqual({ block: parseCidr('10.81.8.0/22'), isNew: true });
  });
});

describe('allocateNetworkPlan', () => {
  it('allocates consecutive non-overlapping ranges and records them', async () => {
    const repo = createInMemoryRepository<Allocation>();
    const { allocateNetworkPlan } = createNetworkPlanActivities(repo, { cidr: '10.81.0.0/16', prefix: 22 }, fixedNow);
    const first = await allocateNetworkPlan(stepInput({}, { ags: '09181128', gemeindeName: 'Kaufering', runId: 'a' }));
    const second = await allocateNetworkPlan(stepInput({}, { ags: '09181144', gemeindeName: 'Utting am Ammersee' }));
    expect(first.result).toMatchObject({ cidr: '10.81.0.0/22', gateway: '10.81.0.1', newlyAllocated: true });
    expect(second.result).toMatchObject({ cidr: '10.81.4.0/22', dnsZone: 'utting-am-ammersee.kommunal.local' });
    expect(first.summary).toBe('Netzplan für Kaufering: 10.81.0.0/22, Gateway 10.81.0.1, DNS-Zone kaufering.kommunal.local.');
    expect(repo.records).toEqual([
      { ags: '09181128', gemeindeName: 'Kaufering', cidr: '10.81.0.0/22', runId: 'a', allocatedAt: '2025-03-01T10:00:00.000Z' },
      expect.objectContaining({ ags: '09181144', cidr: '10.81.4.0/22' }),
    ]);
  });

  it('is idempotent per AGS: the same Gemeinde gets the same range again, nothing new is stored', async () => {
    const repo = createInMemoryRepository<Allocation>();
    const { allocateNetworkPlan } = createNetworkPlanActivities(repo);
    const first = await allocateNetworkPlan(stepInput({}, { ags: '09181128' }));
    await allocateNetworkPlan(stepInput({}, { ags: '09181130', gemeindeName: 'Landsberg am Lech' }));
    const again = await allocateNetworkPlan(stepInput({}, { ags: '09181128', runId: 'other-run' }));
    expect(again.result).toEqual({ ...first.result, newlyAllocated: false });
    expect(again.summary).toMatch(/bestehende Zuteilung/);
    expect(repo.records).toHaveLength(2);
  });

  it('never overlaps ranges allocated outside this pool configuration', async () => {
    const repo = createInMemoryRepository<Allocation>([allocation('09181999', '10.81.0.0/21')]);
    const { allocateNetworkPlan } = createNetworkPlanActivities(repo);
    const res = await allocateNetworkPlan(stepInput({}));
    expect(res.result.cidr).toBe('10.81.8.0/22');
  });

  it('gives two Gemeinden allocating concurrently different ranges', async () => {
    const repo = createInMemoryRepository<Allocation>();
    const activities = createNetworkPlanActivities(repo);
    const twin = createNetworkPlanActivities(repo);
    const agsList = ['09181128', '09181114', '09181144', '09181132', '09181123', '09181139'];
    const results = await Promise.all(
      agsList.map((ags, i) => (i % 2 ? activities : twin).allocateNetworkPlan(stepInput({}, { ags, gemeindeName: `Gemeinde ${ags}` }))),
    );
    const cidrs = results.map((r) => r.result.cidr as string);
    expect(new Set(cidrs).size).toBe(agsList.length);
    expect(repo.records).toHaveLength(agsList.length);
  });

  it('fails non-retryably with "Adressbereich erschöpft" when the pool is full', async () => {
    const repo = createInMemoryRepository<Allocation>();
    const { allocateNetworkPlan } = createNetworkPlanActivities(repo, { cidr: '10.81.0.0/21', prefix: 22 });
    await allocateNetworkPlan(stepInput({}, { ags: '09181128' }));
    await allocateNetworkPlan(stepInput({}, { ags: '09181114' }));
    const failure = await expectFailure(
      () => allocateNetworkPlan(stepInput({}, { ags: '09181144', gemeindeName: 'Utting am Ammersee' })),
      'AdressbereichErschoepft',
    );
    expect(failure.message).toMatch(/^Adressbereich erschöpft/);
    expect(failure.message).toContain('Utting am Ammersee');
    expect(repo.records).toHaveLength(2);
    // a Gemeinde that already has its range still gets it
    await expect(allocateNetworkPlan(stepInput({}, { ags: '09181114' }))).resolves.toBeDefined();
  });

  it('rejects an invalid AGS or a missing Gemeinde name without allocating', async () => {
    const repo = createInMemoryRepository<Allocation>();
    const { allocateNetworkPlan } = createNetworkPlanActivities(repo);
    await expectFailure(() => allocateNetworkPlan(stepInput({}, { ags: '9181128' })), 'UngueltigeEingabe');
    await expectFailure(() => allocateNetworkPlan(stepInput({}, { gemeindeName: ' ' })), 'UngueltigeEingabe');
    await expectFailure(() => allocateNetworkPlan(stepInput({}, { gemeindeName: '???' })), 'UngueltigeEingabe');
    expect(repo.records).toHaveLength(0);
  });

  it('releases only the range of the cancelled run, which the next Gemeinde then gets', async () => {
    const repo = createInMemoryRepository<Allocation>();
    const { allocateNetworkPlan, releaseNetworkPlan } = createNetworkPlanActivities(repo);
    await allocateNetworkPlan(stepInput({}, { ags: '09181128', runId: 'a' }));
    await allocateNetworkPlan(stepInput({}, { ags: '09181114', runId: 'b', gemeindeName: 'Dießen am Ammersee' }));
    expect((await releaseNetworkPlan(stepInput({}, { ags: '09181128', runId: 'other' }))).result).toEqual({ released: 0 });
    const released = await releaseNetworkPlan(stepInput({}, { ags: '09181128', runId: 'a' }));
    expect(released).toEqual({ summary: 'Adressbereich von Kaufering freigegeben.', result: { released: 1 } });
    const next = await allocateNetworkPlan(stepInput({}, { ags: '09181144', runId: 'c', gemeindeName: 'Utting' }));
    expect(next.result.cidr).toBe('10.81.0.0/22');
  });
});
