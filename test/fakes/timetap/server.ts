import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  cancelAppointment,
  appointmentJson,
  clientJson,
  createAppointment,
  createClient,
  findAppointment,
  report,
  updateAppointment,
} from './appointments.ts';
import { HttpError, daySlots, monthHint, rangeSlots } from './availability.ts';
import { clinic, type FakeBusiness } from './seed.ts';

/**
 * A strict stand-in for the TimeTap API, from the seed document and ../shared/platforms: a session token from
 * GET /sessionToken (md5 of apiKey + privateKey) required as a Bearer token on every call and expiring; JSON
 * with numbers, nulls and millisecond dates; unpadded military times; failures as HTML pages; every required
 * field of POST /appointments checked; a staff member's times taken once; unsigned webhooks of the whole
 * appointment on create, edit and cancel.
 */

export interface FakeCall {
  /** The route without ids, e.g. `GET /appointments/{calendarId}`. */
  route: string;
  status: number;
  query: Record<string, string>;
  body: unknown;
  /** The token the call came with, to check reuse ('' when none). */
  token: string;
}

/** hang: never answers; lost: does the work, then never answers; http: that status with an HTML page. */
export type Fault = { kind: 'hang' } | { kind: 'lost' } | { kind: 'http'; status: number; page?: string } | { kind: 'garbage' };

export interface TimeTapFake {
  /** The base URL to configure (what `https://api.timetap.com/live` is in production). */
  url: string;
  business: FakeBusiness;
  calls: FakeCall[];
  count(route: string): number;
  /** The next call of that route fails this way. */
  failNext(route: string, fault: Fault): void;
  /** Every token handed out so far stops working (as if they had expired). */
  expireTokens(): void;
  /** How long a session token lives, ms. */
  tokenTtlMs: number;
  /** Answers wait this long: for coalescing and concurrency tests. */
  delayMs: number;
  /** Where the back office posts its webhooks (unsigned, the whole appointment), by nobody's leave. */
  webhookUrl: string | null;
  close(): Promise<void>;
}

const page = (status: number, message: string) =>
  `<!doctype html><html lang="en"><head><title>HTTP Status ${status}</title></head><body><h1>HTTP Status ${status}</h1><p><b>Message</b> ${message.replace(/[<&]/g, '')}</p></body></html>`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface Route {
  method: string;
  pattern: RegExp;
  name: string;
  run(params: string[], query: URLSearchParams, body: unknown): { status: number; json: unknown; hook?: number };
}

export async function startTimeTapFake(options: { now?: () => number } = {}): Promise<TimeTapFake> {
  const now = options.now ?? Date.now;
  const business = clinic();
  const tokens = new Map<string, number>();
  const faults = new Map<string, Fault>();
  const calls: FakeCall[] = [];
  const sockets = new Set<Socket>();

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/locations$/,
      name: 'GET /locations',
      run: () => ({
        status: 200,
        json: business.locations.map((l) => ({ ...l, businessId: business.businessId, timeZone: { timeZoneCode: l.timeZoneCode } })),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/services$/,
      name: 'GET /services',
      run: () => ({ status: 200, json: business.reasons.map((r) => ({ ...r, businessId: business.businessId })) }),
    },
    {
      method: 'GET',
      pattern: /^\/staff$/,
      name: 'GET /staff',
      run: () => ({
        status: 200,
        json: business.staff.map(({ hours: _h, ...s }) => ({
          ...s,
          fullName: `${s.firstName} ${s.lastName}`,
          businessId: business.businessId,
          email: null,
        })),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/services\/(\d+)\/serviceStaff$/,
      name: 'GET /services/{reasonId}/serviceStaff',
      run: ([id]) => {
        if (!business.reasons.some((r) => r.reasonId === Number(id))) throw new HttpError(404, 'Reason not found');
        const ids = business.serviceStaff[Number(id)] ?? [];
        return { status: 200, json: business.staff.filter((s) => ids.includes(s.professionalId)).map(({ hours: _h, ...s }) => s) };
      },
    },
    { method: 'GET', pattern: /^\/timezones$/, name: 'GET /timezones', run: () => ({ status: 200, json: business.timezones }) },
    {
      method: 'GET',
      pattern: /^\/availability\/(\d{4})\/(\d{2})\/(\d{2})\/(\d+)\/(\d+)\/(\d+)$/,
      name: 'GET /availability/{YYYY}/{MM}/{DD}/{staffId}/{locationId}/{reasonId}',
      run: ([y, m, d, staff, location, reason], query) => ({
        status: 200,
        json: daySlots(business, { date: `${y}-${m}-${d}`, staff: Number(staff), location: Number(location), reason: Number(reason) }, query, now()),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/availability\/(\d{4})\/(\d{1,2})\/(\d+)\/(\d+)\/(\d+)$/,
      name: 'GET /availability/{YYYY}/{MM}/{staffId}/{locationId}/{reasonId}',
      run: ([year, month, staff, location, reason], query) => ({
        status: 200,
        json: monthHint(business, { year: year!, month: month!, staff: Number(staff), location: Number(location), reason: Number(reason) }, query),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/availability\/location\/(\d+)\/service\/(\d+)$/,
      name: 'GET /availability/location/{locationId}/service/{reasonId}',
      run: ([location, reason], query) => ({
        status: 200,
        json: rangeSlots(business, { location: Number(location), reason: Number(reason) }, query, now()),
      }),
    },
    {
      method: 'POST',
      pattern: /^\/clients$/,
      name: 'POST /clients',
      run: (_p, _q, body) => ({ status: 200, json: clientJson(business, createClient(business, body)) }),
    },
    {
      method: 'POST',
      pattern: /^\/appointments$/,
      name: 'POST /appointments',
      run: (_p, _q, body) => {
        const appt = createAppointment(business, body, now());
        return { status: 200, json: appointmentJson(business, appt), hook: appt.calendarId };
      },
    },
    {
      method: 'GET',
      pattern: /^\/appointments\/report$/,
      name: 'GET /appointments/report',
      run: (_p, query) => ({ status: 200, json: report(business, query) }),
    },
    {
      method: 'GET',
      pattern: /^\/appointments\/(\d+)$/,
      name: 'GET /appointments/{calendarId}',
      run: ([id]) => ({ status: 200, json: appointmentJson(business, findAppointment(business, id!)) }),
    },
    {
      method: 'PUT',
      pattern: /^\/appointments\/(\d+)$/,
      name: 'PUT /appointments/{calendarId}',
      run: ([id], _q, body) => {
        const appt = updateAppointment(business, id!, body);
        return { status: 200, json: appointmentJson(business, appt), hook: appt.calendarId };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/appointments\/(\d+)\/cancel\/([^/]+)\/([^/]+)$/,
      name: 'PUT /appointments/{calendarId}/cancel/{sendStaffEmail}/{sendClientEmail}',
      run: ([id, staff, client], _q, body) => {
        const appt = cancelAppointment(business, id!, staff!, client!, body);
        return { status: 200, json: appointmentJson(business, appt), hook: appt.calendarId };
      },
    },
  ];

  function sessionToken(query: URLSearchParams): string {
    const apiKey = query.get('apiKey');
    const timestamp = query.get('timestamp') ?? '';
    const signature = query.get('signature') ?? '';
    if (apiKey !== String(business.businessId)) throw new HttpError(401, 'Invalid apiKey');
    // Seconds, not milliseconds; a clock far off is refused.
    if (!/^\d{9,10}$/.test(timestamp) || Math.abs(Number(timestamp) * 1000 - now()) > 15 * 60_000) throw new HttpError(400, 'Invalid timestamp');
    const expected = createHash('md5')
      .update(apiKey + business.privateKey)
      .digest('hex');
    if (signature.toLowerCase() !== expected) throw new HttpError(401, 'Invalid signature');
    const token = `st:api:api:${randomBytes(16).toString('hex')}`;
    tokens.set(token, now() + fake.tokenTtlMs);
    return token;
  }

  function hook(calendarId: number): void {
    const url = fake.webhookUrl;
    const appt = business.appointments.find((a) => a.calendarId === calendarId);
    if (!url || !appt) return;
    // The whole appointment with a lower-case calendarid, no signature, no event type.
    const { calendarId: id, ...rest } = appointmentJson(business, appt);
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ calendarid: id, ...rest }) })
      .then((res) => res.body?.cancel())
      .catch((error: unknown) => process.stderr.write(`fake TimeTap: webhook to ${url} failed: ${String(error)}\n`));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/live(?=\/)/, '');
    let record: FakeCall | null = null;
    const send = (status: number, json: unknown) => {
      if (record) record.status = status;
      if (status >= 400) {
        res.writeHead(status, { 'content-type': 'text/html;charset=utf-8' });
        res.end(page(status, String(json)));
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    try {
      if (path === '/sessionToken' && req.method === 'GET') {
        record = { route: 'GET /sessionToken', status: 0, query: Object.fromEntries(url.searchParams), body: undefined, token: '' };
        calls.push(record);
        const fault = faults.get(record.route);
        faults.delete(record.route);
        if (fault?.kind === 'http') return send(fault.status, 'Error');
        return send(200, { sessionToken: sessionToken(url.searchParams) });
      }
      const route = routes.find((r) => r.pattern.test(path) && r.method === req.method);
      if (!route) {
        const known = routes.some((r) => r.pattern.test(path));
        return send(known ? 405 : 404, known ? 'Method Not Allowed' : 'Not Found');
      }
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const text = req.method === 'GET' ? '' : await readBody(req);
      let body: unknown;
      if (text) {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(415, 'Unsupported Media Type');
        try {
          body = JSON.parse(text);
        } catch {
          return send(400, 'Malformed JSON');
        }
      }
      record = { route: route.name, status: 0, query: Object.fromEntries(url.searchParams), body, token };
      calls.push(record);
      const expires = tokens.get(token);
      if (expires === undefined || expires <= now()) return send(401, 'Unauthorized: the session token is missing or expired');

      const fault = faults.get(route.name);
      if (fault) faults.delete(route.name);
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'http') {
        if (record) record.status = fault.status;
        res.writeHead(fault.status, { 'content-type': 'text/html' });
        return void res.end(fault.page ?? page(fault.status, 'Error'));
      }
      if (fault?.kind === 'garbage') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html><body>Maintenance</body></html>');
      }
      if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
      const result = route.run(route.pattern.exec(path)!.slice(1), url.searchParams, body);
      if (fault?.kind === 'lost') return;
      send(result.status, result.json);
      if (result.hook !== undefined) hook(result.hook);
    } catch (error) {
      if (error instanceof HttpError) return send(error.status, error.message);
      send(500, 'Internal Server Error');
      process.stderr.write(`fake TimeTap: ${String((error as Error).stack ?? error)}\n`);
    }
  }

  /** Test-only inspection, outside the API: the business's appointments and clients, as its back office shows them. */
  function inspect(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ appointments: business.appointments, clients: business.clients.length, calls: calls.length }));
  }

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/_fake/state') return inspect(res);
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: TimeTapFake = {
    url: `http://127.0.0.1:${port}/live`,
    business,
    calls,
    count: (route) => calls.filter((c) => c.route === route).length,
    failNext: (route, fault) => faults.set(route, fault),
    expireTokens: () => tokens.clear(),
    tokenTtlMs: 10 * 60_000,
    delayMs: 0,
    webhookUrl: null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}
