import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as api from './api.ts';
import { accounts, otherCompany, salon, type FakeAppointment, type FakeCompany, type FakeWatch } from './seed.ts';
import { wallOf } from './wall.ts';

/**
 * A strict stand-in for the Agendize API, built from its public documents: both auth headers checked, the error
 * envelope (some with HTTP 200), freeSlots parameters validated, wall times without an offset, `status` with
 * `customStatus` refused, capacity, taken times and the cancellation delay enforced, ids as strings, names
 * escaped as `&#NNN;` the way the vendor's library does. State lives in memory.
 */

export interface FakeCall {
  /** e.g. 'freeSlots', 'appointments.insert'. */
  name: string;
  method: string;
  version: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Whether the apiKey and token were right. */
  authorized: boolean;
}

/** hang: never answers; lost: does the work, then never answers; error200: the envelope with HTTP 200. */
export type Fault =
  | { kind: 'hang' }
  | { kind: 'lost' }
  | { kind: 'http'; status: number }
  | { kind: 'error200'; code: number; reason: string; message: string }
  | { kind: 'garbage' };

export interface AgendizeFake {
  /** The origin to configure as `baseUrl`. */
  url: string;
  company: FakeCompany;
  credentials: { apiKey: string; token: string };
  appointments: FakeAppointment[];
  clients: api.State['clients'];
  watches: FakeWatch[];
  calls: FakeCall[];
  count(name: string): number;
  failNext(name: string, fault: Fault): void;
  /** Answers wait this long: for coalescing tests. */
  delayMs: number;
  /** Moves the fake's clock (ms added to the real one). */
  shiftMs: number;
  close(): Promise<void>;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Route {
  name: string;
  method: string;
  pattern: RegExp;
}

const routes: Route[] = [
  { name: 'company', method: 'GET', pattern: /^\/scheduling\/companies\/([^/]+)$/ },
  { name: 'services', method: 'GET', pattern: /^\/scheduling\/companies\/([^/]+)\/services$/ },
  { name: 'staff', method: 'GET', pattern: /^\/scheduling\/companies\/([^/]+)\/staff$/ },
  { name: 'freeSlots', method: 'GET', pattern: /^\/scheduling\/companies\/([^/]+)\/widget\/freeSlots$/ },
  { name: 'appointments.watch', method: 'POST', pattern: /^\/scheduling\/companies\/([^/]+)\/appointments\/watch$/ },
  { name: 'appointments.list', method: 'GET', pattern: /^\/scheduling\/companies\/([^/]+)\/appointments$/ },
  { name: 'appointments.insert', method: 'POST', pattern: /^\/scheduling\/companies\/([^/]+)\/appointments$/ },
  { name: 'appointments.get', method: 'GET', pattern: /^\/scheduling\/companies\/([^/]+)\/appointments\/([^/]+)$/ },
  { name: 'appointments.update', method: 'PUT', pattern: /^\/scheduling\/companies\/([^/]+)\/appointments\/([^/]+)$/ },
  { name: 'appointments.delete', method: 'DELETE', pattern: /^\/scheduling\/companies\/([^/]+)\/appointments\/([^/]+)$/ },
  { name: 'clients.list', method: 'GET', pattern: /^\/clients$/ },
  { name: 'clients.insert', method: 'POST', pattern: /^\/clients$/ },
];

export async function startAgendizeFake(): Promise<AgendizeFake> {
  const companies = [salon(), otherCompany()];
  const state: api.State = { company: companies[0]!, appointments: [], clients: [], now: () => Date.now() + fake.shiftMs };
  const watches: FakeWatch[] = [];
  const calls: FakeCall[] = [];
  const faults = new Map<string, Fault>();
  const sockets = new Set<Socket>();

  const refuse = (res: ServerResponse, r: api.Refusal) => send(res, r.httpStatus, { error: { code: r.code, reason: r.reason, message: r.message } });
  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  }

  function notify(event: 'created' | 'updated' | 'deleted', appointment: FakeAppointment): void {
    for (const watch of watches.filter((w) => w.companyId === appointment.companyId)) {
      const body = {
        ...api.appointmentResource(state, appointment),
        event,
        date: { dateTime: wallOf(state.now(), state.company.timeZone), timeZone: state.company.timeZone },
      };
      const auth: Record<string, string> = watch.basicAuth
        ? { authorization: `Basic ${Buffer.from(`${watch.basicAuth.username}:${watch.basicAuth.password}`).toString('base64')}` }
        : {};
      fetch(watch.address, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) })
        .then((r) => r.body?.cancel())
        .catch((error: unknown) => process.stderr.write(`fake Agendize: watch to ${watch.address} failed: ${String(error)}\n`));
    }
  }

  function perform(
    route: Route,
    match: RegExpExecArray,
    query: URLSearchParams,
    body: Record<string, unknown>,
    raw: Buffer,
  ): { status: number; body: unknown } {
    const companyId = match[1]!;
    if (route.name === 'clients.list') return { status: 200, body: { items: api.searchClients(state, query) } };
    if (route.name === 'clients.insert') return { status: 200, body: api.insertClient(state, body) };
    if (companyId !== state.company.id) throw new api.Refusal(404, 'notFound', 'Company not found');
    const c = state.company;
    switch (route.name) {
      case 'company':
        return {
          status: 200,
          body: { id: c.id, name: api.entities(c.name), timeZone: c.timeZone, phone: c.phone, ...(c.address ? { address: c.address } : {}) },
        };
      case 'services':
        return {
          status: 200,
          body: {
            items: c.services.map((s) => ({
              id: s.id,
              name: api.entities(s.name),
              i18n: Object.fromEntries(Object.entries(s.i18n).map(([lang, v]) => [lang, { name: api.entities(v.name) }])),
              duration: s.duration,
              bufferDuration: s.bufferDuration,
              price: s.price,
              capacity: s.capacity,
              maxCancellationDelay: s.maxCancellationDelay,
              minAppointmentDate: s.minAppointmentDate,
              maxAppointmentDate: s.maxAppointmentDate,
              staff: s.staff.map((id) => ({ id })),
              form: { items: s.formItems },
              visible: s.visible,
            })),
          },
        };
      case 'staff':
        return {
          status: 200,
          body: { items: c.staff.map((s) => ({ id: s.id, firstName: api.entities(s.firstName), lastName: api.entities(s.lastName) })) },
        };
      case 'freeSlots':
        return { status: 200, body: api.freeSlots(state, query) };
      case 'appointments.list': {
        const level = query.get('levelDetail') === 'full' ? 'full' : 'light';
        return { status: 200, body: { items: api.listAppointments(state, query).map((a) => api.appointmentResource(state, a, level)) } };
      }
      case 'appointments.insert': {
        const a = api.insertAppointment(state, body, query);
        notify('created', a);
        return { status: 200, body: api.appointmentResource(state, a) };
      }
      case 'appointments.get':
        return { status: 200, body: api.appointmentResource(state, api.findAppointment(state, decodeURIComponent(match[2]!))) };
      case 'appointments.update': {
        const a = api.updateAppointment(state, api.findAppointment(state, decodeURIComponent(match[2]!)), body, query);
        notify('updated', a);
        return { status: 200, body: api.appointmentResource(state, a) };
      }
      case 'appointments.delete': {
        if (raw.length > 0) throw new api.Refusal(400, 'invalidParameter', 'Do not supply a request body with this method');
        const a = api.findAppointment(state, decodeURIComponent(match[2]!));
        if (a.id !== decodeURIComponent(match[2]!)) throw new api.Refusal(404, 'notFound', 'Appointment not found');
        api.deleteAppointment(state, a, query);
        notify('deleted', a);
        return { status: 200, body: undefined };
      }
      case 'appointments.watch': {
        const address = body['address'];
        if (typeof address !== 'string' || !/^https?:\/\//.test(address)) throw new api.Refusal(400, 'invalidParameter', 'address is required');
        const basic = body['basicAuth'] as { username?: unknown; password?: unknown } | undefined;
        if (basic !== undefined && (typeof basic.username !== 'string' || typeof basic.password !== 'string'))
          throw new api.Refusal(400, 'invalidParameter', 'basicAuth needs username and password');
        const watch: FakeWatch = { id: String(9000 + watches.length + 1), companyId, address, basicAuth: basic as FakeWatch['basicAuth'] };
        watches.splice(0, watches.length, ...watches.filter((w) => w.address !== address), watch);
        return { status: 200, body: { id: watch.id, address, name: body['name'] ?? '', status: 'enabled' } };
      }
    }
    throw new Error(`unrouted ${route.name}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const versioned = /^\/api\/(2\.0|2\.1)(\/.*)$/.exec(url.pathname);
    if (!versioned) return refuse(res, new api.Refusal(404, 'notFound', 'Unknown API path'));
    const [, version, path] = versioned as unknown as [string, string, string];
    const candidates = routes.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === req.method);
    if (!route)
      return refuse(res, new api.Refusal(candidates.length ? 405 : 404, candidates.length ? 'methodNotAllowed' : 'notFound', 'No such call'));
    const match = route.pattern.exec(path)!;

    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    let parsedBody: unknown = undefined;
    if (req.method === 'POST' || req.method === 'PUT') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return refuse(res, new api.Refusal(415, 'unsupportedMediaType', 'Send JSON'));
      try {
        parsedBody = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
      } catch {
        return refuse(res, new api.Refusal(400, 'parseError', 'The body is not UTF-8 JSON'));
      }
      if (typeof parsedBody !== 'object' || parsedBody === null || Array.isArray(parsedBody))
        return refuse(res, new api.Refusal(400, 'parseError', 'The body is not a JSON object'));
      body = parsedBody as Record<string, unknown>;
    }

    // Both headers, or both query parameters; one of them alone is not enough.
    const apiKey = String(req.headers['apikey'] ?? url.searchParams.get('apiKey') ?? '');
    const token = String(req.headers['token'] ?? url.searchParams.get('token') ?? '');
    const account = accounts.find((a) => same(a.apiKey, apiKey) && same(a.token, token));
    const query: Record<string, string> = Object.fromEntries([...url.searchParams].filter(([k]) => k !== 'apiKey' && k !== 'token'));
    calls.push({ name: route.name, method: req.method!, version, path, query, body: parsedBody, authorized: account !== undefined });

    const fault = faults.get(route.name);
    if (fault) {
      faults.delete(route.name);
      if (fault.kind === 'hang') return;
      if (fault.kind === 'http') return send(res, fault.status, '<html><body>Service Unavailable</body></html>');
      if (fault.kind === 'garbage') return send(res, 200, '<html>maintenance</html>');
      if (fault.kind === 'error200') return send(res, 200, { error: { code: fault.code, reason: fault.reason, message: fault.message } });
    }
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    if (!account) return refuse(res, new api.Refusal(401, 'authError', 'Invalid credentials: apiKey and token are required'));
    const companyId = route.name.startsWith('clients') ? null : match[1]!;
    if (companyId !== null && companies.some((c) => c.id === companyId) && !account.companies.includes(companyId)) {
      return refuse(res, new api.Refusal(403, 'forbidden', 'You do not have access to this company'));
    }
    try {
      const result = perform(route, match, url.searchParams, body, raw);
      if (fault?.kind === 'lost') return; // done, but the answer never arrives
      send(res, result.status, result.body);
    } catch (error) {
      if (fault?.kind === 'lost') return;
      if (error instanceof api.Refusal) return refuse(res, error);
      throw error;
    }
  }

  /** Test-only inspection, outside /api/: what the business would see in its Agendize back office. */
  function inspect(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        appointments: state.appointments.map((a) => ({ ...a, startWall: wallOf(a.start, state.company.timeZone) })),
        clients: state.clients,
        watches: watches.map((w) => ({ id: w.id, address: w.address })),
        calls: calls.length,
      }),
    );
  }

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/_fake/state') return inspect(res);
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: AgendizeFake = {
    url: `http://127.0.0.1:${port}`,
    company: state.company,
    credentials: { apiKey: accounts[0]!.apiKey, token: accounts[0]!.token },
    appointments: state.appointments,
    clients: state.clients,
    watches,
    calls,
    count: (name) => calls.filter((c) => c.name === name).length,
    failNext: (name, fault) => faults.set(name, fault),
    delayMs: 0,
    shiftMs: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}
