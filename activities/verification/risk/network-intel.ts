import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { classifyNetwork, type NetworkKind } from './asn-categories';

/** What the offline data says about where a request came from. */
export interface NetworkFacts {
  ip: string | null;
  country: string | null;
  asn: number | null;
  asOrganisation: string | null;
  kind: NetworkKind;
}

interface Ranges<T extends number | bigint> {
  starts: T[];
  ends: T[];
  asns: number[];
  orgs: string[];
}

/**
 * IP → country (GeoLite2 via geoip-country), IP → autonomous system (@ip-location-db/asn), and a
 * Tor exit list when one is configured. Everything is offline: no request leaves the machine.
 * Loaded once per process (about a second); lookups are binary searches.
 */
export class NetworkIntel {
  private constructor(
    private readonly v4: Ranges<number>,
    private readonly v6: Ranges<bigint>,
    private readonly torExits: Set<string>,
    private readonly countryOf: (ip: string) => string | null,
  ) {}

  static load(options: { torExitListPath?: string } = {}): NetworkIntel {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const geoip = require('geoip-country') as { lookup(ip: string): { country: string } | null };
    const dir = require.resolve('@ip-location-db/asn/package.json').replace(/package\.json$/, '');
    return new NetworkIntel(
      parseRanges(readFileSync(`${dir}asn-ipv4-num.csv`, 'utf8'), Number),
      parseRanges(readFileSync(`${dir}asn-ipv6-num.csv`, 'utf8'), BigInt),
      new Set(options.torExitListPath ? readTorList(options.torExitListPath) : []),
      (ip) => geoip.lookup(ip)?.country ?? null,
    );
  }

  lookup(ip: string | null | undefined): NetworkFacts {
    const address = normaliseIp(ip);
    if (!address) return { ip: null, country: null, asn: null, asOrganisation: null, kind: 'unknown' };
    if (isPrivate(address)) return { ip: address, country: null, asn: null, asOrganisation: null, kind: 'private' };
    const range = isIP(address) === 4 ? find(this.v4, ipv4ToNumber(address)) : find(this.v6, ipv6ToBigInt(address));
    const asOrganisation = range?.org ?? null;
    return {
      ip: address,
      country: this.countryOf(address),
      asn: range?.asn ?? null,
      asOrganisation,
      kind: this.torExits.has(address) ? 'tor' : classifyNetwork(asOrganisation),
    };
  }
}

function parseRanges<T extends number | bigint>(csv: string, toNumber: (s: string) => T): Ranges<T> {
  const ranges: Ranges<T> = { starts: [], ends: [], asns: [], orgs: [] };
  for (const line of csv.split('\n')) {
    if (!line) continue;
    const first = line.indexOf(',');
    const second = line.indexOf(',', first + 1);
    const third = line.indexOf(',', second + 1);
    ranges.starts.push(toNumber(line.slice(0, first)));
    ranges.ends.push(toNumber(line.slice(first + 1, second)));
    ranges.asns.push(Number(line.slice(second + 1, third)));
    ranges.orgs.push(
      line
        .slice(third + 1)
        .replace(/^"|"$/g, '')
        .replace(/""/g, '"'),
    );
  }
  return ranges;
}

function find<T extends number | bigint>(ranges: Ranges<T>, value: T): { asn: number; org: string } | null {
  let low = 0;
  let high = ranges.starts.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (ranges.starts[mid] > value) high = mid - 1;
    else if (ranges.ends[mid] < value) low = mid + 1;
    else return { asn: ranges.asns[mid], org: ranges.orgs[mid] };
  }
  return null;
}

function readTorList(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function normaliseIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const bare = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  return isIP(bare) ? bare : null;
}

function isPrivate(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0;
  }
  const lower = ip.toLowerCase();
  return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function ipv6ToBigInt(ip: string): bigint {
  const [head, tail = ''] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const parts = [...headParts, ...Array(ip.includes('::') ? missing : 0).fill('0'), ...tailParts];
  return parts.reduce((n, part) => (n << 16n) + BigInt(parseInt(part || '0', 16)), 0n);
}
