import {
  contains,
  firstFreeBlock,
  formatCidr,
  formatIPv4,
  overlaps,
  parseCidr,
  parseIPv4,
  subnets,
} from '../../activities/cidr';

describe('IPv4 addresses', () => {
  it('round-trips addresses including the top of the range', () => {
    for (const a of ['0.0.0.0', '10.81.3.255', '192.168.1.1', '255.255.255.255']) expect(formatIPv4(parseIPv4(a))).toBe(a);
    expect(parseIPv4('255.255.255.255')).toBe(2 ** 32 - 1);
  });

  it('rejects malformed addresses', () => {
    for (const bad of ['10.81.0', '10.81.0.256', '10.81.0.01', 'a.b.c.d', '10.81.0.0.0']) {
      expect(() => parseIPv4(bad)).toThrow(/keine IPv4-Adresse/);
    }
  });
});

describe('CIDR blocks', () => {
  it('parses aligned blocks and rejects host bits and bad prefixes', () => {
    expect(parseCidr('10.81.0.0/16')).toEqual({ network: parseIPv4('10.81.0.0'), prefix: 16 });
    expect(() => parseCidr('10.81.1.0/22')).toThrow(/nicht die Netzadresse.*10\.81\.0\.0\/22/);
    expect(() => parseCidr('10.81.0.0/33')).toThrow(/größer als 32/);
    expect(() => parseCidr('10.81.0.0')).toThrow(/kein CIDR-Block/);
  });

  it('detects overlap and containment', () => {
    const a = parseCidr('10.81.0.0/22');
    expect(overlaps(a, parseCidr('10.81.3.0/24'))).toBe(true);
    expect(overlaps(a, parseCidr('10.81.4.0/22'))).toBe(false);
    expect(overlaps(a, parseCidr('10.0.0.0/8'))).toBe(true);
    expect(contains(parseCidr('10.81.0.0/16'), a)).toBe(true);
    expect(contains(a, parseCidr('10.81.0.0/16'))).toBe(false);
  });

  it('splits a /22 into four /24s', () => {
    expect(subnets(parseCidr('10.81.4.0/22'), 24).map(formatCidr)).toEqual([
      '10.81.4.0/24', '10.81.5.0/24', '10.81.6.0/24', '10.81.7.0/24',
    ]);
  });
});

describe('firstFreeBlock', () => {
  const pool = parseCidr('10.81.0.0/20');

  it('takes the first block, then the next free one after taken ranges', () => {
    expect(formatCidr(firstFreeBlock(pool, 22, [])!)).toBe('10.81.0.0/22');
    const taken = [parseCidr('10.81.0.0/22'), parseCidr('10.81.8.0/22')];
    expect(formatCidr(firstFreeBlock(pool, 22, taken)!)).toBe('10.81.4.0/22');
  });

  it('skips blocks that only partly overlap a smaller foreign range', () => {
    const taken = [parseCidr('10.81.0.0/22'), parseCidr('10.81.5.128/25')];
    expect(formatCidr(firstFreeBlock(pool, 22, taken)!)).toBe('10.81.8.0/22');
  });

  it('fills gaps left between allocations', () => {
    const taken = [parseCidr('10.81.0.0/22'), parseCidr('10.81.8.0/22'), parseCidr('10.81.12.0/22')];
    expect(formatCidr(firstFreeBlock(pool, 22, taken)!)).toBe('10.81.4.0/22');
  });

  it('returns undefined when the pool is exhausted', () => {
    const all = subnets(pool, 22);
    expect(firstFreeBlock(pool, 22, all)).toBeUndefined();
    expect(firstFreeBlock(pool, 22, [parseCidr('10.0.0.0/8')])).toBeUndefined();
  });
});
