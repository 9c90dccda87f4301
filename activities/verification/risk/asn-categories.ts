/**
 * What kind of network an autonomous system is, from its registered name. Hosting and VPN
 * networks are where a remote impostor comes from; a home or mobile carrier is where users are.
 * Patterns are matched case-insensitively against the AS organisation name of the offline
 * ASN database (@ip-location-db/asn).
 */
export type NetworkKind = 'residential' | 'hosting' | 'vpn' | 'tor' | 'private' | 'unknown';

const TOR: RegExp[] = [
  /tor project/i,
  /emerald onion/i,
  /zwiebelfreunde/i,
  /foundation for applied privacy/i,
  /torservers/i,
  /nothing to hide/i,
];

const VPN: RegExp[] = [
  /\bm247\b/i,
  /datacamp/i,
  /cdn77/i,
  /mullvad/i,
  /proton ?(ag|vpn|technologies)/i,
  /nordvpn|nord security|tefincom/i,
  /packethub/i,
  /private internet access|london trust media/i,
  /expressvpn|express vpn/i,
  /surfshark/i,
  /hide\.?me/i,
  /ipvanish|mudhook/i,
  /windscribe/i,
  /cyberghost|kape technologies/i,
  /clouvider/i,
  /zenlayer/i,
  /tzulo/i,
  /latitude\.sh/i,
];

const HOSTING: RegExp[] = [
  /amazon/i,
  /google (cloud|llc)/i,
  /microsoft/i,
  /digitalocean/i,
  /\bovh\b/i,
  /hetzner/i,
  /linode|akamai connected cloud/i,
  /vultr|choopa|the constant company/i,
  /contabo/i,
  /scaleway|online s\.?a\.?s/i,
  /oracle/i,
  /alibaba|aliyun/i,
  /tencent/i,
  /leaseweb/i,
  /hostinger/i,
  /ionos|1&1/i,
  /godaddy/i,
  /hostwinds/i,
  /colocrossing/i,
  /psychz/i,
  /quadranet/i,
  /servers\.com/i,
  /cloudflare/i,
  /fastly/i,
  /ikoula/i,
  /upcloud/i,
  /kamatera/i,
  /hosting|datacenter|data center|colocation|\bvps\b|dedicated server|cloud/i,
];

export function classifyNetwork(asOrganisation: string | null): NetworkKind {
  if (!asOrganisation) return 'unknown';
  if (TOR.some((p) => p.test(asOrganisation))) return 'tor';
  if (VPN.some((p) => p.test(asOrganisation))) return 'vpn';
  if (HOSTING.some((p) => p.test(asOrganisation))) return 'hosting';
  return 'residential';
}
