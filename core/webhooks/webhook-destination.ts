import { lookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Webhook URLs come from an admin, and the worker POSTs to them from inside the network: a URL
 * naming (or resolving to) an internal address would let a subscription reach services that were
 * never meant to be reachable from outside (server-side request forgery), the cloud metadata
 * service first. These ranges are refused unless RESETGATE_WEBHOOK_ALLOW_PRIVATE is set.
 */
const REFUSED_RANGES: [network: string, prefix: number, family: 'ipv4' | 'ipv6', kind: string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  // Shared address space: carrier-grade NAT, and where some clouds put their metadata service.
  ['100.64.0.0', 10, 'ipv4', 'shared (carrier-grade NAT)'],
  ['192.0.0.0', 24, 'ipv4', 'protocol-assignment (IETF)'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  // IPv6 forms that carry an IPv4 address inside, so 127.0.0.1 or 10.x could hide in them: all refused.
  ['::', 96, 'ipv6', 'IPv4-compatible'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['64:ff9b:1::', 48, 'ipv6', 'NAT64 (local use)'],
  ['2002::', 16, 'ipv6', '6to4'],
  ['2001::', 32, 'ipv6', 'Teredo'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254']);

// One list per range, to say which range matched. IPv4-mapped IPv6 addresses (::ffff:127.0.0.1)
// match the IPv4 ranges: BlockList compares them as IPv4.
const RANGES = REFUSED_RANGES.map(([network, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, kind };
});

/** A destination that must not receive webhooks; the message says which address and why. */
export class WebhookDestinationRefused extends Error {
  override name = 'WebhookDestinationRefused';
}

/** What kind of non-public address this is ("loopback", "private"…), or null for a public one. */
export function nonPublicKind(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return null;
  const kind = RANGES.find((r) => r.list.check(address, family === 4 ? 'ipv4' : 'ipv6'))?.kind ?? null;
  return kind && METADATA_ADDRESSES.has(address) ? `${kind} (the cloud metadata service)` : kind;
}

/**
 * Checks a webhook URL before it is stored and before each delivery: an IP literal is checked
 * as is; a host name is resolved, and refused when any of its addresses is not public (a name
 * with one public and one internal address would otherwise be a coin toss). A name that does not
 * resolve rejects with the resolver's own error (`ENOTFOUND`…), which may pass.
 */
export async function checkWebhookDestination(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const kind = nonPublicKind(host);
    if (kind) throw new WebhookDestinationRefused(`${host} is ${withArticle(kind)} address`);
    return;
  }
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    lookup(host, { all: true }, (err, found) => (err ? reject(err) : resolve(found))),
  );
  refuseNonPublic(host, addresses);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * `dns.lookup` for `http.request`: the addresses a connection is about to use are checked at
 * that moment, so a DNS answer that changes between the check and the connection (rebinding)
 * cannot reach an internal address.
 */
export function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true } as LookupAllOptions, (err, addresses) => {
    if (err) return callback(err, []);
    try {
      refuseNonPublic(hostname, addresses);
    } catch (refused) {
      return callback(refused as NodeJS.ErrnoException, []);
    }
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  });
}

function refuseNonPublic(host: string, addresses: LookupAddress[]): void {
  for (const { address } of addresses) {
    const kind = nonPublicKind(address);
    if (kind) throw new WebhookDestinationRefused(`${host} resolves to ${address}, ${withArticle(kind)} address`);
  }
}

const withArticle = (kind: string) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
