import { BlockList, isIP } from 'node:net';

/**
 * Ranges a link checker must not reach by default: a cited URL (or a redirect, or a DNS
 * answer) pointing there is either a mistake or an SSRF attempt against this machine's
 * network (cloud metadata at 169.254.169.254, admin panels on 10/8, ...).
 */
const REFUSED_IPV4_SUBNETS: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", includes the unspecified address
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast
];

const REFUSED_IPV6_SUBNETS: ReadonlyArray<readonly [string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

const IPV4_MAPPED = /^::ffff:(?:0:)?(\d+\.\d+\.\d+\.\d+)$/i;
const IPV4_MAPPED_HEX = /^::ffff:(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** Decides whether an IP address may be connected to. */
export type AddressGuard = (address: string) => boolean;

/** Builds the default guard: true when `address` is public (not loopback, private, link-local, ...). */
export function createAddressGuard(): AddressGuard {
  const refused = new BlockList();
  for (const [net, prefix] of REFUSED_IPV4_SUBNETS) refused.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of REFUSED_IPV6_SUBNETS) refused.addSubnet(net, prefix, 'ipv6');
  return (address) => {
    const ip = unbracket(address);
    const family = isIP(ip);
    if (family === 0) return false;
    if (family === 4) return !refused.check(ip, 'ipv4');
    const mapped = embeddedIpv4(ip);
    if (mapped !== null) return !refused.check(mapped, 'ipv4');
    return !refused.check(ip, 'ipv6');
  };
}

/** `[::1]` as it appears in a URL host, to `::1`. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, `::ffff:a00:1`). */
function embeddedIpv4(ip: string): string | null {
  const dotted = IPV4_MAPPED.exec(ip);
  if (dotted?.[1]) return dotted[1];
  const hex = IPV4_MAPPED_HEX.exec(ip);
  if (!hex?.[1] || !hex[2]) return null;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}
