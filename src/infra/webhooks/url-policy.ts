import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Webhook URL policy (no server-side request forgery).
 *
 * A webhook URL is http or https, absolute, without user:password, at most
 * 2000 characters. Outside development (`config.allowPrivateWebhooks` false:
 * NODE_ENV=production without ALLOW_PRIVATE_WEBHOOKS) it must not point at
 * this host or a private network: loopback, RFC 1918 private, link-local
 * (which holds the cloud metadata address 169.254.169.254), CGNAT, unique-local
 * IPv6, "this network", multicast, reserved and the like. The check runs twice:
 * on the literal URL when it is saved (sign-up, updateWebhookUrl), and on every
 * address the host name resolves to at delivery time, where the connection is
 * then made to the checked address itself (so DNS rebinding cannot slip a
 * private address in between the check and the connect).
 */

export const MAX_WEBHOOK_URL = 2000;

const BLOCKED = new BlockList();
const V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, '"this network"'],
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const V6: Array<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'unique-local (private IPv6)'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated, private)'],
  ['ff00::', 8, 'multicast'],
  ['100::', 64, 'discard-only'],
  ['2001:db8::', 32, 'documentation'],
];
for (const [net, prefix] of V4) BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of V6) BLOCKED.addSubnet(net, prefix, 'ipv6');

/** Host names that always mean this host or the cloud's metadata service. */
const BLOCKED_NAMES = /(^|\.)(localhost|localdomain|internal|local|home\.arpa)$|^metadata(\.google\.internal)?$/i;

/** Why an IP address may not receive webhooks, or null when it may. */
export function forbiddenAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 4) {
    if (!BLOCKED.check(address, 'ipv4')) return null;
    return V4.find(([net, prefix]) => inSubnet4(address, net, prefix))?.[2] ?? 'not a public address';
  }
  if (family === 6) {
    const embedded = embeddedIpv4(address);
    if (embedded) return forbiddenAddress(embedded);
    if (!BLOCKED.check(address, 'ipv6')) return null;
    const sub = new BlockList();
    for (const [net, prefix, why] of V6) {
      sub.addSubnet(net, prefix, 'ipv6');
      if (sub.check(address, 'ipv6')) return why;
    }
    return 'not a public address';
  }
  return 'not an IP address';
}

/** IPv4 carried inside an IPv6 address (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zero(0, 5) && groups[5] === 0xffff) return v4(groups[6], groups[7]);
  if (zero(0, 6) && (groups[6] !== 0 || groups[7] > 1)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return null;
}

function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const p = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const fill = text.includes('::') ? 8 - h.length - t.length : 0;
  const all = [...h, ...Array(fill).fill('0'), ...t].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

function inSubnet4(address: string, net: string, prefix: number): boolean {
  const toInt = (a: string) => a.split('.').reduce((n, p) => n * 256 + Number(p), 0);
  const mask = prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix);
  return (toInt(address) & mask) >>> 0 === (toInt(net) & mask) >>> 0;
}

/**
 * Checks a webhook URL as written (no DNS). Returns why it is refused, or null.
 * `allowPrivate` (development and tests) accepts loopback and private targets.
 */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | null {
  if (url.length > MAX_WEBHOOK_URL) return `must be at most ${MAX_WEBHOOK_URL} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http(s) URL such as https://hooks.example.com/chotei';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must use https (or http)';
  if (parsed.username || parsed.password) return 'must not carry a user name or password; authenticate deliveries with the Chotei-Signature header';
  if (!parsed.hostname) return 'must name a host';
  if (allowPrivate) return null;
  const host = hostOf(parsed);
  if (isIP(host)) {
    const why = forbiddenAddress(host);
    return why ? `must not point at a ${why} address (${host}); webhooks go to public addresses only` : null;
  }
  if (BLOCKED_NAMES.test(host.replace(/\.$/, ''))) return `must not point at this host or an internal name (${host})`;
  return null;
}

/** The host of a URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export class ForbiddenAddressError extends Error {
  constructor(readonly host: string, readonly address: string, readonly why: string) {
    super(`refused: ${host} resolves to ${address}, a ${why} address; webhooks go to public addresses only`);
    this.name = 'ForbiddenAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the host, refuses it when any
 * address is forbidden, and hands back only checked addresses — the socket
 * connects to exactly what was checked.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number | string } | number | undefined, callback: LookupCallback): void => {
    const opts = typeof options === 'object' && options ? options : {};
    dnsLookup(hostname, { all: true, family: typeof opts.family === 'number' ? opts.family : 0, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, opts.all ? [] : '', undefined);
      const list = addresses as LookupAddress[];
      if (!allowPrivate) {
        for (const a of list) {
          const why = forbiddenAddress(a.address);
          if (why) return callback(Object.assign(new ForbiddenAddressError(hostname, a.address, why), { code: 'EFORBIDDENADDRESS' }), opts.all ? [] : '', undefined);
        }
      }
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), opts.all ? [] : '', undefined);
      if (opts.all) return callback(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}

/** Codes of TLS failures (certificate not accepted, handshake refused). */
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|HOSTNAME_MISMATCH|EPROTO)/;

/**
 * Why a delivery attempt failed, as the firm reads it in webhookDeliveries:
 * a neutral category, never an IP address or what a host name resolved to
 * (node's messages carry both, e.g. "connect ECONNREFUSED 10.0.0.7:443").
 * The caller logs the full error server-side.
 */
export function describeDeliveryError(error: unknown, timeoutMs: number): string {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (error instanceof ForbiddenAddressError || code === 'EFORBIDDENADDRESS') {
    return 'refused: the host name resolves to an address that is not public; webhooks go to public addresses only';
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return 'the host name could not be resolved';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'the connection was closed before an answer';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'ECHOTEITIMEOUT') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'ENETDOWN') return 'the host is unreachable';
  if (TLS_CODE.test(code)) return 'TLS handshake failed (the certificate was not accepted)';
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return 'the answer was not valid HTTP';
  return 'the connection failed';
}
