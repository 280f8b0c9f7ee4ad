// Where a webhook may go. Private networks are allowed on purpose: the KU's ticket system and CMDB live there, and
// only administrators subscribe webhooks. Never allowed: link-local addresses (a cloud's metadata service at
// 169.254.169.254), the unspecified address and multicast; loopback (this server itself, its database and Temporal
// on 127.0.0.1) only where WEBHOOK_ALLOW_LOOPBACK says so (development and tests), and no port that fetch refuses to
// send to (the Fetch standard's "bad ports": mail, SSH, LDAP, …). Checked when a webhook is
// subscribed (a literal address or `localhost`) and again before each delivery, on every address the name resolves
// to then (a name may point elsewhere by then).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const NEVER = new BlockList();
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('224.0.0.0', 4, 'ipv4');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Why an address is no webhook target, or undefined when it is one. */
export function refusedAddress(ip: string, allowLoopback: boolean): string | undefined {
  // an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is its IPv4 address
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const [address, type] = mapped ? [mapped, 'ipv4' as const] : [ip, isIP(ip) === 6 ? ('ipv6' as const) : ('ipv4' as const)];
  if (NEVER.check(address, type)) return `${ip} ist eine Link-Local-, Multicast- oder unbestimmte Adresse`;
  if (!allowLoopback && LOOPBACK.check(address, type)) return `${ip} ist dieser Server selbst (Loopback)`;
  return undefined;
}

/** The Fetch standard's port blocking list (https://fetch.spec.whatwg.org/#port-blocking), as Node's fetch applies
 * it: a subscription to one of them could never be delivered. */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111,
  113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548,
  554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
  6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');

/** Why a URL is no webhook target as written (its port, a literal address, `localhost`), or undefined. */
export function refusedHost(url: string, allowLoopback: boolean): string | undefined {
  const port = Number(new URL(url).port);
  if (BAD_PORTS.has(port)) return `Port ${port} ist gesperrt: er gehört zu einem anderen Protokoll, dorthin wird nicht gesendet`;
  const host = hostOf(url).toLowerCase();
  if (isIP(host)) return refusedAddress(host, allowLoopback);
  if (!allowLoopback && (host === 'localhost' || host.endsWith('.localhost'))) return `${host} ist dieser Server selbst (Loopback)`;
  return undefined;
}

/** Why a URL is no webhook target now, its name resolved; a name that does not resolve is left to the request. */
export async function refusedTarget(url: string, allowLoopback: boolean): Promise<string | undefined> {
  const written = refusedHost(url, allowLoopback);
  if (written || isIP(hostOf(url))) return written;
  const addresses = await lookup(hostOf(url), { all: true }).catch(() => []);
  for (const { address } of addresses) {
    const refused = refusedAddress(address, allowLoopback);
    if (refused) return refused;
  }
  return undefined;
}
