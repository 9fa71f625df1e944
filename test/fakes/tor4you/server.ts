import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as api from './api.ts';
import { catalogAnswer } from './catalog.ts';
import { appointmentList, slotList } from './lists.ts';
import { openSite, slotsSite, type FakeSite } from './seed.ts';

/**
 * A strict stand-in for the Tor4You API, built from its public document: it checks the torkey or
 * recomputes the signed parameters, refuses a `dt` far from its clock, validates every field the
 * document implies, and keeps slots, appointments and iscoming in memory.
 */

export interface FakeCall {
  apicall: string;
  method: string;
  /** Which fake site answered ('5001' slots, '5002' open), or '' when the credentials were refused. */
  siteId: string;
  auth: 'torkey' | 'signed' | 'none';
  /** The call's own parameters, without the authentication ones. */
  params: Record<string, string>;
}

/** hang: never answers and does nothing; lost: does the work, then never answers (the answer is lost on the way). */
export type Fault =
  { kind: 'hang' } | { kind: 'lost' } | { kind: 'http'; status: number } | { kind: 'refuse'; message: string } | { kind: 'garbage' };

export interface Tor4YouFake {
  /** Base URL to configure as `baseUrl`, ending in /api/. */
  url: string;
  slots: FakeSite;
  open: FakeSite;
  calls: FakeCall[];
  /** How many calls of that name (optionally for one fake site id) arrived. */
  count(apicall: string, siteId?: string): number;
  /** The next call of that name (any site) fails this way. */
  failNext(apicall: string, fault: Fault): void;
  /** Answers wait this long: for coalescing tests. */
  delayMs: number;
  /** A webhook body as Tor4You would post it for an appointment, signed with the site's webhook key. */
  webhookFor(site: FakeSite, apptId: string, action: 1 | 2 | 3 | 5): Record<string, string>;
  /** Where Tor4You posts a site's notifications after addappt, delappt and iscoming (the settings menu). */
  webhookUrls: Map<FakeSite, string>;
  close(): Promise<void>;
}

/** The document's signature: SHA256(siteid + key + dt + apicall + secret), hex. */
export function expectedSignature(siteId: string, key: string, dt: string, apicall: string, secret: string): string {
  return createHash('sha256')
    .update(siteId + key + dt + apicall + secret)
    .digest('hex');
}

const endpoints: Record<string, 'GET' | 'POST'> = {
  siteinfo: 'GET',
  services: 'GET',
  staff: 'GET',
  staffservice: 'GET',
  branches: 'GET',
  availability: 'GET',
  apptinfo: 'GET',
  appthistory: 'GET',
  iscoming: 'GET',
  slotlist: 'GET',
  apptlist: 'GET',
  addappt: 'POST',
  delappt: 'POST',
};

const timeZone = 'Asia/Jerusalem';
/** How far `dt` may be from the fake's clock. */
const dtToleranceMinutes = 10;

function localNow(now: Date): api.LocalNow {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { dateTime: `${parts['year']}${parts['month']}${parts['day']}${parts['hour']}${parts['minute']}` };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTor4YouFake(options: { now?: () => Date } = {}): Promise<Tor4YouFake> {
  const now = options.now ?? (() => new Date());
  const today = localNow(now()).dateTime.slice(0, 8);
  const sites = [slotsSite(today), openSite()];
  const faults = new Map<string, Fault>();
  const calls: FakeCall[] = [];
  const sockets = new Set<import('node:net').Socket>();

  function authenticate(
    req: IncomingMessage,
    params: Record<string, string>,
    apicall: string,
  ): { site?: FakeSite; auth: FakeCall['auth']; refusal?: string } {
    const torkey = req.headers['torkey'];
    if (typeof torkey === 'string') {
      const site = sites.find((s) => same(s.credentials.torkey, torkey));
      return site ? { site, auth: 'torkey' } : { auth: 'torkey', refusal: 'Bad credentials' };
    }
    const { siteid, key, dt, sh } = params;
    if (!siteid || !key || !dt || !sh) return { auth: 'none', refusal: 'Bad credentials' };
    const site = sites.find((s) => s.credentials.siteId === siteid && s.credentials.key === key);
    if (!site) return { auth: 'signed', refusal: 'Bad credentials' };
    if (!/^\d{12}$/.test(dt)) return { auth: 'signed', refusal: 'Bad credentials: dt must be YYYYMMDDHHmm' };
    const skew = Math.abs(api.minutesOf(dt) - api.minutesOf(localNow(now()).dateTime));
    if (skew > dtToleranceMinutes) return { auth: 'signed', refusal: 'Bad credentials: dt is out of range' };
    const expected = expectedSignature(siteid, key, dt, apicall, site.credentials.secret);
    if (!same(expected, sh.toLowerCase())) return { auth: 'signed', refusal: 'Bad credentials: wrong signature' };
    return { site, auth: 'signed' };
  }

  function answer(site: FakeSite, apicall: string, params: Record<string, string>): object {
    const local = localNow(now());
    switch (apicall) {
      case 'availability':
        return api.availability(site, params, local);
      case 'addappt':
        return api.addAppointment(site, params, local);
      case 'apptinfo':
        return api.appointmentInfo(site, params);
      case 'appthistory':
        return api.appointmentHistory(site, params);
      case 'slotlist':
        return slotList(site, params);
      case 'apptlist':
        return appointmentList(site, params);
      case 'delappt':
        return api.deleteAppointment(site, params, local);
      case 'iscoming':
        return api.setIscoming(site, params, local);
      default:
        return catalogAnswer(site, apicall, params);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://fake');
    const apicall = url.pathname.replace(/^\/api\//, '');
    const method = endpoints[apicall];
    if (!url.pathname.startsWith('/api/') || !method) return send(404, { status: '0', message: 'Unknown api call' });
    if (req.method !== method) return send(405, { status: '0', message: `Method not allowed: use ${method}` });

    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (method === 'POST') {
      const type = req.headers['content-type'] ?? '';
      if (!type.startsWith('application/x-www-form-urlencoded')) return send(415, { status: '0', message: 'Unsupported content type' });
      for (const [name, value] of new URLSearchParams(await readBody(req))) params[name] = value;
    }
    const who = authenticate(req, params, apicall);
    for (const name of ['siteid', 'key', 'dt', 'sh']) delete params[name];
    calls.push({ apicall, method, siteId: who.site?.credentials.siteId ?? '', auth: who.auth, params: { ...params } });

    const fault = faults.get(apicall);
    if (fault) {
      faults.delete(apicall);
      if (fault.kind === 'hang') return; // never answers; the client's timeout must end it
      if (fault.kind === 'lost') {
        if (who.site) {
          try {
            answer(who.site, apicall, params);
          } catch (error) {
            if (!(error instanceof api.Refusal)) throw error;
          }
        }
        return;
      }
      if (fault.kind === 'http') return send(fault.status, '<html>error</html>');
      if (fault.kind === 'garbage') return send(200, '<html>not json</html>');
      return send(200, { status: 0, message: fault.message });
    }
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    if (!who.site) return send(200, { status: '0', message: who.refusal ?? 'Bad credentials' });
    try {
      const result = answer(who.site, apicall, params);
      send(200, result);
      notify(who.site, apicall, params, result);
    } catch (error) {
      if (error instanceof api.Refusal) return send(200, { status: '0', message: error.message });
      throw error;
    }
  }

  /** Posts the notification the real platform would send; failures are only logged, as a retry queue would. */
  function notify(site: FakeSite, apicall: string, params: Record<string, string>, result: object): void {
    const url = fake.webhookUrls.get(site);
    const action = ({ addappt: 1, iscoming: 2, delappt: 3 } as const)[apicall as 'addappt'];
    if (!url || !action) return;
    const apptId = apicall === 'addappt' ? (result as { appt: Array<{ id: string }> }).appt[0]!.id : params['apptid']!;
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fake.webhookFor(site, apptId, action)) })
      .then((res) => res.body?.cancel())
      .catch((error: unknown) => process.stderr.write(`fake Tor4You: webhook to ${url} failed: ${String(error)}\n`));
  }

  /** Test-only inspection, outside /api/: a site's appointments and the calls counted so far. */
  function inspect(url: URL, res: ServerResponse): void {
    const site = sites.find((s) => s.credentials.siteId === url.searchParams.get('site'));
    res.writeHead(site ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(site ? { appointments: site.appointments, calls: calls.filter((c) => c.siteId === site.credentials.siteId).length } : {}));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/_fake/state') return inspect(url, res);
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: Tor4YouFake = {
    url: `http://127.0.0.1:${port}/api/`,
    slots: sites[0]!,
    open: sites[1]!,
    calls,
    count: (apicall, siteId) => calls.filter((c) => c.apicall === apicall && (siteId === undefined || c.siteId === siteId)).length,
    failNext: (apicall, fault) => faults.set(apicall, fault),
    delayMs: 0,
    webhookUrls: new Map(),
    webhookFor(site, apptId, action) {
      const a = site.appointments.find((x) => x.id === apptId);
      if (!a) throw new Error(`no appointment ${apptId}`);
      const id = String(700_000 + calls.length + Math.floor(Math.random() * 100_000));
      const toDate = (v: string) => `${v.slice(6, 8)}/${v.slice(4, 6)}/${v.slice(0, 4)} ${v.slice(8, 10)}:${v.slice(10, 12)}:00`;
      return {
        id,
        status: '1',
        recordupdatedate: '01/01/2021 20:00:00',
        action: String(action),
        Siteid: site.credentials.siteId,
        apptid: a.id,
        apptstatus: a.status,
        From_date: toDate(a.from),
        to_date: toDate(a.to),
        customerid: a.customerId,
        serviceid: a.service,
        staffid: a.staff,
        Mt_notes: '',
        conf: a.vfib,
        customerfirst: 'משה',
        customerlast: 'כהן',
        showstatus: '0',
        iscoming: String(a.iscoming),
        slotid: a.slotid,
        participants: String(a.participants),
        customercell: '0555555555',
        updateby: '99',
        sh: createHash('sha256')
          .update(id + site.credentials.webhookKey)
          .digest('hex'),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}
