/**
 * The cold bench: what customers ask, never the same question twice in a second. For 1k, 10k and 100k
 * appointments per site (sites of 1, 10 and 50 staff, bench/cold/seed.ts), on PGlite and, when
 * BOOKWELL_BENCH_PG_URL or BOOKWELL_TEST_PG_URL names a database, on PostgreSQL (in a schema of its own, dropped
 * after): a month of dates asked one at a time, then 50 connections of cold dates (varied month, service, staff),
 * cold times (varied day, service, staff) and a booking mix (dates, times of one of them, book one). Each figure is
 * printed beside a bare node:http server sending the same bytes, measured in the same run, and the load average.
 * Fails over the budgets of the README's Performance section.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startFloor, startFrameworkFloor } from './lib/floor.ts';
import { load, loadAverage, type Figures } from './lib/load.ts';
import { startServer, type BenchServer } from './lib/server.ts';
import { benchOrigin, seed, siteOf, sitesFile, staffCounts, timeZone, type Target } from './cold/seed.ts';
import { addDays, weekday } from '../src/contract/plain-date.ts';
import { zonedDate } from '../src/server/zoned.ts';

const budgets = { coldRps: 300, coldP99: 200, sessionVsFloor: 0.5, monthGrowth: 2 };
const volumes = (process.env['BENCH_COLD_VOLUMES'] || '1000,10000,100000').split(',').map(Number);
/** Load runs on one site per volume, so each volume and each staff count is loaded once: 1k/1, 10k/10, 100k/50. */
const loadedStaff = (volume: number) => staffCounts[Math.min(Math.max(0, Math.round(Math.log10(volume)) - 3), staffCounts.length - 1)]!;
const pgUrl = process.env['BOOKWELL_BENCH_PG_URL'] || process.env['BOOKWELL_TEST_PG_URL'];
/** 5 s per run unless BENCH_SECONDS says: 36 runs at full size. */
const seconds = Number(process.env['BENCH_SECONDS'] || 5);

interface Site {
  headers: Record<string, string>;
  services: string[];
  staff: string[];
}

/** A fixed shuffle, so runs ask the same questions in the same order. */
function shuffled<T>(items: T[]): T[] {
  let seedValue = 42;
  const next = () => (seedValue = (seedValue * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** An endless round of distinct paths: the engine's one-second memo of dates never answers. */
const rotation = (paths: string[]) => {
  let i = 0;
  return () => paths[i++ % paths.length]!;
};

function questions(site: Site) {
  const today = zonedDate(timeZone, Date.now());
  const staffChoices = ['', ...site.staff.slice(0, 10).map((id) => `&staff=${id}`)];
  const dates: string[] = [];
  const times: string[] = [];
  for (const service of site.services) {
    for (const staff of staffChoices) {
      for (let offset = 1; offset <= 90; offset++) {
        const from = addDays(today, offset);
        for (const length of [28, 29, 30, 31])
          dates.push(`/v1/availability/dates?service=${service}${staff}&from=${from}&to=${addDays(from, length - 1)}`);
        if (weekday(from) !== 0) times.push(`/v1/availability/times?service=${service}${staff}&date=${from}`);
      }
    }
  }
  return { dates: shuffled(dates), times: shuffled(times) };
}

async function open(server: BenchServer, siteId: string): Promise<Site> {
  const session = await fetch(`${server.url}/v1/session`, {
    method: 'POST',
    headers: { origin: benchOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ site: siteId }),
  });
  if (session.status !== 200) throw new Error(`POST /v1/session answered ${session.status}: ${await session.text()}`);
  const { token } = (await session.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, origin: benchOrigin };
  const catalog = (await (await fetch(`${server.url}/v1/catalog`, { headers })).json()) as { services: { id: string }[]; staff: { id: string }[] };
  return { headers, services: catalog.services.map((s) => s.id), staff: catalog.staff.map((s) => s.id) };
}

/** Milliseconds for one cold month of dates, the median of 15 asked one after another (3 unmeasured first). */
async function monthCost(server: BenchServer, site: Site): Promise<number> {
  const paths = questions(site).dates.filter((p) => !p.includes('&staff='));
  const took: number[] = [];
  for (let i = 0; i < 18; i++) {
    const started = performance.now();
    const res = await fetch(server.url + paths[i]!, { headers: site.headers });
    if (res.status !== 200) throw new Error(`dates answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    if (i >= 3) took.push(performance.now() - started);
  }
  return Number(took.sort((a, b) => a - b)[7]!.toFixed(1));
}

/** Customers who book: a month of dates, the times of one of those dates, one of those times booked. */
function bookingMix(server: BenchServer, site: Site) {
  const { dates } = questions(site);
  const nextDates = rotation(dates);
  const counts = { booked: 0, taken: 0, wrong: 0 };
  /** Milliseconds per step, as the customer waited for it: where the mix's tail comes from. */
  const took = { dates: [] as number[], times: [] as number[], book: [] as number[] };
  let customer = 0;
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
  const check = (status: number, fine: boolean) => {
    if (status === 409) counts.taken++;
    else if (!fine) counts.wrong++;
  };
  const timed = (step: keyof typeof took, context: any) => took[step].push(performance.now() - context.sent);
  const options = {
    url: server.url,
    headers: site.headers,
    requests: [
      {
        setupRequest: (req: any, context: any) => ((context.sent = performance.now()), { ...req, path: nextDates() }),
        onResponse: (status: number, body: string, context: any) => {
          timed('dates', context);
          check(status, status === 200);
          const found = status === 200 ? (JSON.parse(body) as { dates: string[] }).dates : [];
          context.times = found.length > 0 ? `/v1/availability/times?service=${site.services[0]}&date=${pick(found)}` : null;
        },
      },
      {
        setupRequest: (req: any, context: any) => ((context.sent = performance.now()), { ...req, path: context.times ?? nextDates() }),
        onResponse: (status: number, body: string, context: any) => {
          timed('times', context);
          check(status, status === 200);
          const found = status === 200 && context.times ? ((JSON.parse(body) as { times?: { ref: string }[] }).times ?? []) : [];
          context.ref = pick(found)?.ref ?? null;
        },
      },
      {
        setupRequest: (req: any, context: any) => {
          customer++;
          context.sent = performance.now();
          return {
            ...req,
            method: 'POST',
            path: '/v1/bookings',
            headers: { ...site.headers, 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${customer}` },
            body: JSON.stringify({
              ref: context.ref ?? 'no-time-was-free',
              customer: { firstName: 'Bench', lastName: `Customer ${customer}`, cell: `06${String(10_000_000 + customer).slice(-8)}` },
            }),
          };
        },
        onResponse: (status: number, _body: string, context: any) => {
          timed('book', context);
          if (status < 300) counts.booked++;
          check(status, status < 300);
        },
      },
    ],
  };
  /** "dates 40/120, times 55/150, book 400/900": p50/p99 ms of each step. */
  const steps = () =>
    Object.entries(took)
      .map(([step, ms]) => {
        const sorted = [...ms].sort((a, b) => a - b);
        const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
        return `${step} ${at(0.5)}/${at(0.99)}`;
      })
      .join(', ');
  /** The warm-up's steps are not the run's. */
  const reset = () => Object.values(took).forEach((ms) => (ms.length = 0));
  return { options, counts, steps, reset };
}

interface Row {
  db: string;
  appointments: number | '';
  staff: number | '';
  what: string;
  figures: Figures;
  floor: number | null;
  budget: string;
  ok: boolean;
}

const rows: Row[] = [];
const months: Array<{ db: string; appointments: number; staff: number; ms: number; load: string }> = [];
const floors = new Map<string, number>();
const mixSteps: Array<{ db: string; appointments: number; staff: number; steps: string }> = [];

/** A floor server (bench/lib/floor.ts) started on the bytes `request` answers, loaded for a run, then stopped. */
async function loadFloor(kind: string, start: typeof startFloor, request: Promise<Response>, asked: Omit<Parameters<typeof load>[0], 'url'>) {
  const answer = await request;
  if (answer.status !== 200) throw new Error(`${kind} answered ${answer.status}: ${await answer.text()}`);
  const body = Buffer.from(await answer.arrayBuffer());
  const floor = await start(body, answer.headers);
  try {
    return { figures: await load({ ...asked, url: floor.url }, undefined, seconds), bytes: body.length };
  } finally {
    floor.stop();
  }
}

/** The floor for the bytes `request` answers, measured once per run (the first time it is asked for). */
async function floorFor(kind: string, request: Promise<Response>, method: 'GET' | 'POST' = 'GET') {
  if (floors.has(kind)) return floors.get(kind)!;
  const { figures, bytes } = await loadFloor(kind, startFloor, request, { method });
  floors.set(kind, figures.rps);
  rows.push({ db: 'node:http', appointments: '', staff: '', what: `floor: ${kind} bytes (${bytes} B)`, figures, floor: null, budget: '', ok: true });
  return figures.rps;
}

/**
 * The session's bytes through Hono alone, no budget: what the server's framework costs before any work of Bookwell's,
 * beside the bare floor, so the session's figure can be read as framework plus Bookwell. Asked as the session is
 * asked (its body too, which the framework floor reads).
 */
async function frameworkFloor(request: Promise<Response>, bare: number, asked: { method: 'POST'; headers: Record<string, string>; body: string }) {
  const { figures } = await loadFloor('session', startFrameworkFloor, request, asked);
  rows.push({ db: 'Hono', appointments: '', staff: '', what: 'framework floor: session bytes', figures, floor: bare, budget: '', ok: true });
}

async function benchVolume(db: string, target: Target & { env: Record<string, string> }, dir: string, volume: number) {
  await seed(target, volume, Date.now());
  const sites = join(dir, 'sites.json');
  await writeFile(sites, JSON.stringify(sitesFile()));
  const server = await startServer(dir, { BOOKWELL_SITES: sites, ...target.env }, { probe: true });
  try {
    const opened = new Map<number, Site>();
    for (const staff of staffCounts) opened.set(staff, await open(server, siteOf(staff)));
    for (const staff of staffCounts)
      months.push({ db, appointments: volume, staff, ms: await monthCost(server, opened.get(staff)!), load: loadAverage() });

    const staff = loadedStaff(volume);
    const site = opened.get(staff)!;
    const { dates, times } = questions(site);
    const where = { db, appointments: volume, staff };
    const cold = `>= ${budgets.coldRps} req/s, p99 <= ${budgets.coldP99} ms`;
    const meets = (f: Figures) => f.rps >= budgets.coldRps && f.p99 <= budgets.coldP99 && f.errors === 0;

    if (!floors.has('session')) {
      const sessionUrl = `${server.url}/v1/session`;
      const asked = {
        method: 'POST',
        headers: { origin: benchOrigin, 'content-type': 'application/json' },
        body: JSON.stringify({ site: siteOf(staff) }),
      } as const;
      const sessionFloor = await floorFor('session', fetch(sessionUrl, asked), 'POST');
      await frameworkFloor(fetch(sessionUrl, asked), sessionFloor, asked);
      const figures = await load({ url: sessionUrl, ...asked }, undefined, seconds);
      rows.push({
        ...where,
        what: 'POST /v1/session',
        figures,
        floor: sessionFloor,
        budget: `>= ${budgets.sessionVsFloor}x floor`,
        ok: figures.errors === 0 && figures.rps >= budgets.sessionVsFloor * sessionFloor,
      });
    }
    const datesFloor = await floorFor('dates', fetch(server.url + dates[0], { headers: site.headers }));
    const timesFloor = await floorFor('times', fetch(server.url + times[0], { headers: site.headers }));

    const coldDates = rotation(dates);
    const datesFigures = await load(
      { url: server.url, headers: site.headers, requests: [{ setupRequest: (req: any) => ({ ...req, path: coldDates() }) }] },
      undefined,
      seconds,
      server.probe,
    );
    rows.push({ ...where, what: 'cold dates (a month)', figures: datesFigures, floor: datesFloor, budget: cold, ok: meets(datesFigures) });

    const coldTimes = rotation(times);
    const timesFigures = await load(
      { url: server.url, headers: site.headers, requests: [{ setupRequest: (req: any) => ({ ...req, path: coldTimes() }) }] },
      undefined,
      seconds,
      server.probe,
    );
    rows.push({ ...where, what: 'cold times (a day)', figures: timesFigures, floor: timesFloor, budget: cold, ok: meets(timesFigures) });

    const mix = bookingMix(server, site);
    // The steps count from the measured run on, as the probe does (load() resets it after the warm-up).
    const probe = server.probe && { read: () => server.probe!.read(), reset: () => (mix.reset(), server.probe!.reset()) };
    const mixFigures = await load(mix.options, () => mix.counts.wrong, seconds, probe);
    mixSteps.push({ ...where, steps: mix.steps() });
    rows.push({
      ...where,
      what: `booking mix (${mix.counts.booked} booked, ${mix.counts.taken} taken)`,
      figures: mixFigures,
      floor: null,
      budget: `p99 <= ${budgets.coldP99} ms`,
      ok: mixFigures.p99 <= budgets.coldP99 && mixFigures.errors === 0,
    });
  } finally {
    await server.stop();
  }
}

async function onPGlite(volume: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bookwell-cold-'));
  try {
    await benchVolume('PGlite', { dataDir: join(dir, 'server', 'db'), env: {} }, dir, volume);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function onPostgres(url: string, volume: number) {
  const schema = `bookwell_bench_${process.pid}_${volume}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dir = await mkdtemp(join(tmpdir(), 'bookwell-cold-'));
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const inSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    await benchVolume('PostgreSQL', { url: inSchema, env: { DATABASE_URL: inSchema } }, dir, volume);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
}

function print(): boolean {
  const cells = (r: Row) => [
    r.db,
    String(r.appointments),
    String(r.staff),
    r.what,
    String(r.figures.rps),
    String(r.figures.p50),
    String(r.figures.p99),
    String(r.figures.errors),
    r.floor === null ? '' : String(r.floor),
    r.floor === null ? '' : `${(r.figures.rps / r.floor).toFixed(2)}x`,
    r.figures.probe ? String(r.figures.probe.loopP99) : '',
    r.figures.load.toFixed(2),
    r.budget ? (r.ok ? 'ok' : `FAIL (${r.budget}, no errors)`) : '',
  ];
  const head = ['database', 'appts', 'staff', 'what', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'floor req/s', 'vs floor', 'loop p99', 'load', 'budget'];
  const table = [head, ...rows.map(cells)];
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  console.log('\ncold mix, 50 connections');
  for (const r of table) console.log(r.map((c, i) => (i === 3 || i === 0 || i === 12 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));

  console.log(
    '\nthe server during each run: event-loop delay (p50/p99/max ms), loop busy, GC (total/longest ms), the PGlite worker thread busy; on PGlite in this thread its one' +
      ' connection: takes (statements outside a transaction, or whole transactions), their wait p99/max, ms held in' +
      ' all, transactions held BEGIN to COMMIT p50/p99/max, ms in its synchronous WASM calls (in all/longest)',
  );
  for (const r of rows) {
    const p = r.figures.probe;
    if (!p) continue;
    const lite = p.pglite;
    console.log(
      `${r.db.padEnd(10)}  ${String(r.appointments).padStart(6)}  ${r.what.padEnd(36)}  loop ${p.loopP50}/${p.loopP99}/${p.loopMax}  busy ${p.utilization}` +
        `  gc ${p.gcMs}/${p.gcMaxMs}` +
        (lite === null && p.workers ? `  worker busy ${p.workers}` : '') +
        (lite
          ? `  takes ${lite.takes} (${lite.transactions} tx)  wait ${lite.waitP99}/${lite.waitMax}  held ${lite.holdMs}` +
            `  tx ${lite.txHoldP50}/${lite.txHoldP99}/${lite.txHoldMax}  wasm ${lite.wasmMs}/${lite.wasmMaxMs}`
          : ''),
    );
  }

  console.log('\nthe booking mix step by step, as its customers waited (p50/p99 ms)');
  for (const m of mixSteps)
    console.log(`${m.db.padEnd(10)}  ${String(m.appointments).padStart(6)} appts  ${String(m.staff).padStart(2)} staff  ${m.steps}`);

  console.log('\na month of dates, computed from scratch, asked one at a time (median of 15)');
  let ok = rows.every((r) => r.ok);
  for (const m of months)
    console.log(
      `${m.db.padEnd(10)}  ${String(m.appointments).padStart(6)} appts  ${String(m.staff).padStart(2)} staff  ${String(m.ms).padStart(6)} ms  load ${m.load}`,
    );
  for (const db of new Set(months.map((m) => m.db))) {
    const at = (appointments: number) => months.find((m) => m.db === db && m.staff === 50 && m.appointments === appointments)?.ms;
    const small = at(Math.min(...volumes));
    const large = at(Math.max(...volumes));
    if (small === undefined || large === undefined || volumes.length < 2) continue;
    const grows = large / small;
    const fine = grows <= budgets.monthGrowth;
    ok &&= fine;
    console.log(
      `${db}: 50 staff, ${Math.max(...volumes)} vs ${Math.min(...volumes)} appointments: ${grows.toFixed(2)}x  ${fine ? 'ok' : 'FAIL'} (budget <= ${budgets.monthGrowth}x)`,
    );
  }
  return ok;
}

async function main() {
  const started = Date.now();
  console.log(
    `cold bench: load average ${loadAverage()} at the start; PostgreSQL ${pgUrl ? 'on' : 'not run (set BOOKWELL_BENCH_PG_URL or BOOKWELL_TEST_PG_URL)'}`,
  );
  // PGlite and PostgreSQL one after the other at each volume, so both meet the machine in the same state.
  for (const volume of volumes) {
    await onPGlite(volume);
    if (pgUrl) await onPostgres(pgUrl, volume);
  }
  const ok = print();
  console.log(`cold bench took ${Math.round((Date.now() - started) / 1000)} s; load average ${loadAverage()} at the end`);
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`cold bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
