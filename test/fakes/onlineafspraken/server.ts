import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { XMLBuilder } from 'fast-xml-parser';
import { Params, Refusal, wallNow } from './api.ts';
import { methods, type Body } from './methods.ts';
import { fysioAccount, salonAccount, type FakeAccount } from './seed.ts';

/**
 * A strict stand-in for the OnlineAfspraken REST API 1.1, from its document and the platform notes: GET only,
 * every value in the query string, `api_key` + `api_salt` (Unix seconds, not later than its clock, at most
 * 300 s behind) + `api_signature` recomputed here (byte-order sort, spaces removed, secret then salt, each
 * account's own hash), XML answers in the document's shapes, and bookings, codes and cancel deadlines kept
 * in memory.
 */

export interface FakeCall {
  method: string;
  /** The account that answered, or '' when the call was refused before. */
  account: string;
  params: Record<string, string>;
  refused?: string;
}

/** hang: never answers; lost: does the work, then never answers; http: an error page; garbage: HTML with 200. */
export type Fault =
  { kind: 'hang' } | { kind: 'lost' } | { kind: 'http'; status: number } | { kind: 'garbage' } | { kind: 'refuse'; message: string };

export interface OnlineAfsprakenFake {
  /** The base URL to configure, ending in /APIREST. */
  url: string;
  salon: FakeAccount;
  fysio: FakeAccount;
  calls: FakeCall[];
  count(method: string, account?: FakeAccount): number;
  failNext(method: string, fault: Fault): void;
  /** The fake server's clock runs this many seconds ahead of ours (negative: behind). */
  skewSeconds: number;
  /** Answers wait this long: for coalescing tests. */
  delayMs: number;
  /** The confirmation code the platform "sent" for an appointment. */
  codeFor(appointmentId: string): string | null;
  close(): Promise<void>;
}

const unsigned = new Set(['api_key', 'api_salt', 'api_signature', 'api_format', 'api_lang', 'api_jsonp_callback']);
const saltWindowSeconds = 300;

/** Written here again on purpose (not imported from the adapter): the fake must catch the adapter's mistakes. */
function expectedSignature(query: URLSearchParams, secret: string, salt: string, algorithm: 'sha1' | 'sha256'): string {
  const pairs = [...query].filter(([key]) => !unsigned.has(key));
  pairs.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const text =
    pairs
      .map(([key, value]) => key + value)
      .join('')
      .split(' ')
      .join('') +
    secret +
    salt;
  return createHash(algorithm).update(text).digest('hex');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

function envelope(now: Date, outcome: { ok: true; body: Body } | { ok: false; message: string }): string {
  const status = {
    APIVersion: '1.0',
    Date: wallNow(now),
    Timestamp: String(Math.floor(now.getTime() / 1000)),
    Status: outcome.ok ? 'success' : 'failed',
    ...(outcome.ok ? {} : { Code: '0', Message: outcome.message }),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Response: { Status: status, ...(outcome.ok ? outcome.body : {}) } })}`;
}

export interface FakeOptions {
  /** Called when the "platform" sends a customer a confirmation code (by e-mail or SMS on the real one). */
  onCode?: (appointmentId: string, code: string) => void;
}

export async function startOnlineAfsprakenFake(options: FakeOptions = {}): Promise<OnlineAfsprakenFake> {
  const accounts = [salonAccount(), fysioAccount()];
  const calls: FakeCall[] = [];
  const faults = new Map<string, Fault>();
  const sockets = new Set<Socket>();
  const now = () => new Date(Date.now() + fake.skewSeconds * 1000);

  function authenticate(query: URLSearchParams): { account?: FakeAccount; refusal?: string } {
    const key = query.get('api_key');
    const salt = query.get('api_salt') ?? '';
    const sent = query.get('api_signature') ?? '';
    const account = accounts.find((a) => key !== null && same(a.key, key));
    if (!account) return { refusal: 'Invalid api_key' };
    if (!/^\d{1,12}$/.test(salt)) return { refusal: 'Invalid api_salt' };
    const serverSeconds = Math.floor(now().getTime() / 1000);
    if (Number(salt) > serverSeconds) return { refusal: 'Invalid api_salt: later than server time' };
    if (Number(salt) < serverSeconds - saltWindowSeconds) return { refusal: 'Invalid api_salt: expired' };
    if (!same(expectedSignature(query, account.secret, salt, account.algorithm), sent)) return { refusal: 'Invalid signature' };
    return { account };
  }

  function run(account: FakeAccount, method: string, query: URLSearchParams): string {
    const params = new Params([...query].filter(([key]) => !unsigned.has(key) && key !== 'method'));
    const handler = methods[method];
    if (!handler) return envelope(now(), { ok: false, message: `Unknown method ${method}` });
    try {
      return envelope(now(), { ok: true, body: handler(account, params, now()) });
    } catch (error) {
      if (error instanceof Refusal) return envelope(now(), { ok: false, message: error.message });
      throw error;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: string, type = 'text/xml; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname !== '/APIREST') return send(404, '<html>Not found</html>', 'text/html');
    if (req.method !== 'GET') return send(405, envelope(now(), { ok: false, message: 'Only GET is supported' }));
    const method = url.searchParams.get('method') ?? '';
    const who = authenticate(url.searchParams);
    const params = Object.fromEntries([...url.searchParams].filter(([key]) => !unsigned.has(key) && key !== 'method'));
    calls.push({ method, account: who.account?.key ?? '', params, ...(who.refusal ? { refused: who.refusal } : {}) });

    const fault = faults.get(method);
    if (fault) {
      faults.delete(method);
      if (fault.kind === 'hang') return;
      if (fault.kind === 'lost') {
        if (who.account) run(who.account, method, url.searchParams);
        return;
      }
      if (fault.kind === 'http') return send(fault.status, '<html><body>Service Unavailable</body></html>', 'text/html');
      if (fault.kind === 'garbage') return send(200, '<html><body>Onderhoud</body></html>', 'text/html');
      return send(200, envelope(now(), { ok: false, message: fault.message }));
    }
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    // A refused call still answers HTTP 200 with a failed XML status, as the platform does.
    if (!who.account) return send(200, envelope(now(), { ok: false, message: who.refusal ?? 'Invalid api_key' }));
    const codes = new Set(who.account.appointments.filter((a) => a.code).map((a) => a.Id));
    send(200, run(who.account, method, url.searchParams));
    for (const a of who.account.appointments) if (a.code && !codes.has(a.Id)) options.onCode?.(a.Id, a.code);
  }

  /** Test-only, outside /APIREST: an account's appointments with their codes, as the business's back office shows them. */
  function inspect(url: URL, res: ServerResponse): void {
    const account = { salon: accounts[0], fysio: accounts[1] }[url.searchParams.get('account') ?? ''];
    res.writeHead(account ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(account ? { appointments: account.appointments, customers: account.customers.length } : {}));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/_fake/state') return inspect(url, res);
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: OnlineAfsprakenFake = {
    url: `http://127.0.0.1:${port}/APIREST`,
    salon: accounts[0]!,
    fysio: accounts[1]!,
    calls,
    count: (method, account) => calls.filter((c) => c.method === method && (account === undefined || c.account === account.key)).length,
    failNext: (method, fault) => faults.set(method, fault),
    skewSeconds: 0,
    delayMs: 0,
    codeFor: (id) => accounts.flatMap((a) => a.appointments).find((a) => a.Id === id)?.code ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}
