// IPv4 CIDR arithmetic on plain numbers (0 … 2^32-1). Kept free of bitwise operators past 31 bits, because
// JavaScript bitwise operations are signed 32-bit.

export interface Cidr {
  /** network address as an unsigned 32-bit number */
  network: number;
  prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIPv4(text: string): number {
  const m = IPV4.exec(text.trim());
  if (!m) throw new Error(`"${text}" ist keine IPv4-Adresse.`);
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o, i) => o > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) {
    throw new Error(`"${text}" ist keine IPv4-Adresse.`);
  }
  return ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
}

export function formatIPv4(n: number): string {
  return [Math.floor(n / 2 ** 24) % 256, Math.floor(n / 2 ** 16) % 256, Math.floor(n / 2 ** 8) % 256, n % 256].join('.');
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Parses "a.b.c.d/p"; the address must be the network address of the block (no host bits set). */
export function parseCidr(text: string): Cidr {
  const [addr, prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0 || prefixText === undefined || !/^\d{1,2}$/.test(prefixText)) {
    throw new Error(`"${text}" ist kein CIDR-Block (erwartet z. B. 10.81.0.0/16).`);
  }
  const prefix = Number(prefixText);
  if (prefix > 32) throw new Error(`"${text}": Präfixlänge ${prefix} ist größer als 32.`);
  const network = parseIPv4(addr);
  if (network % blockSize(prefix) !== 0) {
    throw new Error(`"${text}": Die Adresse ist nicht die Netzadresse des Blocks (${formatCidr(alignDown(network, prefix))}).`);
  }
  return { network, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${formatIPv4(c.network)}/${c.prefix}`;
}

export function alignDown(address: number, prefix: number): Cidr {
  const size = blockSize(prefix);
  return { network: address - (address % size), prefix };
}

export function lastAddress(c: Cidr): number {
  return c.network + blockSize(c.prefix) - 1;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.network <= inner.network && lastAddress(inner) <= lastAddress(outer);
}

/** Splits a block into its aligned sub-blocks of the given (longer) prefix, in address order. */
export function subnets(c: Cidr, prefix: number): Cidr[] {
  if (prefix < c.prefix || prefix > 32) throw new Error(`Ein /${c.prefix} lässt sich nicht in /${prefix} teilen.`);
  const size = blockSize(prefix);
  const count = blockSize(c.prefix) / size;
  return Array.from({ length: count }, (_, i) => ({ network: c.network + i * size, prefix }));
}

/**
 * First aligned block of `prefix` inside `pool` that overlaps none of `taken`, or undefined when the pool is
 * exhausted. Walks block by block but jumps past each taken range, so a full /8 pool stays cheap.
 */
export function firstFreeBlock(pool: Cidr, prefix: number, taken: readonly Cidr[]): Cidr | undefined {
  if (prefix < pool.prefix) return undefined;
  const size = blockSize(prefix);
  const end = lastAddress(pool);
  const sorted = [...taken].sort((a, b) => a.network - b.network);
  let candidate = pool.network;
  while (candidate + size - 1 <= end) {
    const block: Cidr = { network: candidate, prefix };
    const clash = sorted.find((t) => overlaps(t, block));
    if (!clash) return block;
    const afterClash = lastAddress(clash) + 1;
    candidate = Math.ceil(afterClash / size) * size;
  }
  return undefined;
}
