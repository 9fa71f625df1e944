import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

/**
 * The proxies (CIDRs, BOOKWELL_TRUSTED_PROXIES) whose X-Forwarded-For we believe. Anyone can send the header, so
 * it only counts when the socket peer is one of them; then the address is the right-most hop that is not.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  constructor(cidrs: readonly string[]) {
    for (const cidr of cidrs) {
      const [address = '', bits] = cidr.split('/');
      const family = isIP(address);
      if (!family) throw new Error(`"${cidr}" is not an IP address or CIDR`);
      const type = family === 6 ? 'ipv6' : 'ipv4';
      const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
      if (!/^\d{1,3}$/.test(bits ?? '0') || prefix > (family === 6 ? 128 : 32)) throw new Error(`"${cidr}" has a wrong prefix length`);
      this.list.addSubnet(address, prefix, type);
    }
    this.empty = cidrs.length === 0;
  }

  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The client's address: the socket peer, or behind trusted proxies the first hop they did not add. */
  clientIp(c: Context): string {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    let address = plain(incoming?.socket?.remoteAddress ?? '');
    if (!address) return 'unknown';
    if (this.empty || !this.has(address)) return address;
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => plain(h.trim()));
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      // A hop that is not an address was written by someone we do not trust: stop at the last one we do.
      if (!isIP(hop)) return address;
      address = hop;
      if (!this.has(hop)) return hop;
    }
    return address;
  }
}

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1 on a dual-stack socket. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
