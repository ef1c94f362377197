import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/**
 * The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`
 * (DESIGN.md "Integrations without a socket"). The timestamp lets a receiver
 * refuse old replays (compare it with its own clock, e.g. 5 minutes).
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/** Addresses a production webhook may not reach: private, loopback, link-local, shared (CGNAT), unspecified, multicast, reserved. */
const REFUSED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) REFUSED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) REFUSED.addSubnet(net, prefix, 'ipv6');

/** True when an IP address is private, loopback, link-local or otherwise not a public unicast address (IPv4-mapped IPv6 judged as IPv4). */
export function isRefusedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return REFUSED.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return REFUSED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a URL may not be an endpoint (null: acceptable). Production: https only. */
export function urlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'The URL must be https';
  if (url.username || url.password) return 'The URL may not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isRefusedAddress(host)) return 'The URL may not point to a private, loopback or link-local address';
  return null;
}

export interface PostOutcome {
  /** The HTTP status; null when no response came (refused address, connection error, timeout). */
  status: number | null;
  ok: boolean;
  error: string | null;
}

/**
 * POSTs a JSON body. With `allowPrivate` false the host name is resolved and
 * every address checked at connection time (the socket connects to the
 * address checked, so a DNS answer cannot change in between); redirects are
 * never followed (a 3xx is a failure). A 2xx is success.
 */
export function postJson(urlText: string, body: string, headers: Record<string, string>, options: { timeoutMs: number; allowPrivate: boolean }): Promise<PostOutcome> {
  const url = new URL(urlText);
  const problem = urlProblem(urlText, options.allowPrivate);
  if (problem) return Promise.resolve({ status: null, ok: false, error: problem });
  const guardedLookup: RequestOptions['lookup'] = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (err, addresses) => {
      if (err) return (callback as (e: Error | null, a: LookupAddress[] | string, f?: number) => void)(err, [], 0);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => isRefusedAddress(a.address));
      const cb = callback as (e: Error | null, a: LookupAddress[] | string, f?: number) => void;
      if (refused || list.length === 0) return cb(new Error(`refused: ${hostname} resolves to a private, loopback or link-local address`), [], 0);
      if ((lookupOptions as { all?: boolean }).all) return cb(null, list);
      return cb(null, list[0].address, list[0].family);
    });
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    let deadline: NodeJS.Timeout | undefined;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'ShortStop-Webhooks/1', ...headers },
        timeout: options.timeoutMs,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => finish({ status, ok: status >= 200 && status < 300, error: status >= 200 && status < 300 ? null : `HTTP ${status}` }));
        res.on('error', (err) => finish({ status, ok: false, error: err.message }));
      },
    );
    req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no response within ${options.timeoutMs} ms`)));
    // The socket timeout above only measures silence: a receiver that sends a byte now and then (headers or body
    // trickled) would hold this attempt, its transaction and the endpoint's row, and the instance's webhook worker,
    // for as long as it likes. The whole exchange, answer read to its end, gets timeoutMs.
    deadline = setTimeout(() => {
      const error = `no response within ${options.timeoutMs} ms`;
      req.destroy(new Error(error));
      finish({ status: null, ok: false, error });
    }, options.timeoutMs);
    deadline.unref();
    req.on('error', (err) => finish({ status: null, ok: false, error: err.message.slice(0, 500) }));
    req.end(body);
  });
}
