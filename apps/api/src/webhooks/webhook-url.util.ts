import { BlockList, isIP } from 'node:net';

/**
 * SSRF rules for webhook URLs. Only `https:` without user info; by default no host that is (or resolves to) a
 * loopback, private, link-local, shared, multicast or reserved address, so an HR admin cannot make the server
 * call its own network. The address check runs again at every delivery, on the addresses actually connected to.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** Whether `address` (IPv4 or IPv6, IPv4-mapped included) is not a public unicast address. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return blocked.check(address, 'ipv4');
}

/** Why a URL is refused, or null when it may be registered. Host names are resolved only when sending. */
export function webhookUrlProblem(raw: string, allowPrivateHosts: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:') return 'only https:// URLs are allowed';
  if (url.username || url.password) return 'a URL must not contain a user name or password';
  if (url.hash) return 'a URL must not contain a #fragment';
  if (allowPrivateHosts) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && isPrivateAddress(host))
    return 'the host is a private, loopback or link-local address';
  if (host === 'localhost' || host.endsWith('.localhost')) return 'the host is a loopback name';
  return null;
}
