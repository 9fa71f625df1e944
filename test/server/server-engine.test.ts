/**
 * The backend on the real embedded engine, through a real HTTP server on port 0 and a PGlite folder:
 * concurrent bookings never overbook, and a restart keeps every booking and manage link.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { bookingRequest, bookingResponse, manageView, timesResponse } from '../../src/contract/index.ts';
import { requestHash } from '../../src/server/booking/idempotency.ts';
import { bookingIdFor } from '../../src/server/booking/records.ts';
import { createApp } from '../../src/server/app.ts';
import { systemClock } from '../../src/server/clock.ts';
import { parseSites } from '../../src/server/config/sites.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import type { AppDeps } from '../../src/server/deps.ts';
import { OutboxNotifier } from '../../src/server/notify/index.ts';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../src/server/providers/embedded/index.ts';
import { manageInit } from './helpers/manage.ts';

const secret = 'engine-test-secret-engine-test-secret-123';
const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

const sites = parseSites(
  {
    sites: [
      {
        id: 'gym',
        origins: ['https://gym.example'],
        locale: 'en',
        languages: ['en'],
        timezone: 'UTC',
        country: 'IL',
        currency: 'ILS',
        provider: { type: 'embedded' },
      },
      {
        id: 'salon',
        origins: ['https://salon.example'],
        locale: 'en',
        languages: ['en'],
        timezone: 'UTC',
        country: 'IL',
        currency: 'ILS',
        provider: { type: 'embedded' },
      },
      {
        id: 'barber',
        origins: ['https://barber.example'],
        locale: 'en',
        languages: ['en'],
        timezone: 'UTC',
        country: 'IL',
        currency: 'ILS',
        provider: { type: 'embedded' },
      },
    ],
  },
  'engine-test-sites.json',
);

interface Running {
  url: string;
  db: Database;
  engine: EmbeddedEngine;
  server: ServerType;
  stop(): Promise<void>;
}

async function startServer(dir: string): Promise<Running> {
  const db = await openDatabase({ dataDir: dir });
  await migrate(db);
  const engine = createEmbeddedEngine({ db, clock: systemClock, notifier: new OutboxNotifier(db) });
  let app: ReturnType<typeof createApp> | null = null;
  const server = serve({ fetch: (req, env) => app!.fetch(req, env), port: 0, hostname: '127.0.0.1' });
  await new Promise((ready) => server.once('listening', ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const deps: AppDeps = {
    sites: new Map(sites.map((s) => [s.id, s])),
    providers: new Map(sites.map((s) => [s.id, engine.providerFor(s)])),
    db,
    clock: systemClock,
    log: { info() {}, warn() {}, error() {} },
    publicUrl: url,
    secret,
    rateLimits: { perIp: 100_000, perSite: 100_000, managePerIp: 100_000 },
  };
  app = createApp(deps);
  return {
    url,
    db,
    engine,
    server,
    async stop() {
      await new Promise((done) => server.close(done));
      await db.close();
    },
  };
}

async function seed(engine: EmbeddedEngine) {
  const { admin } = engine;
  await admin.addSite({ id: 'gym', name: 'Gym', calendar: 'slots' });
  const coach = await admin.addStaff('gym', { name: 'Coach' });
  const spin = await admin.addService('gym', { name: 'Spin', duration: 60, maxmembers: 5, staffIds: [coach] });
  await admin.addSlot('gym', { staffId: coach, serviceId: spin, from: `${day}T10:00:00Z`, to: `${day}T11:00:00Z`, maxmembers: 5 });
  await admin.addSite({ id: 'salon', name: 'Salon', calendar: 'open' });
  const stylist = await admin.addStaff('salon', { name: 'Stylist' });
  await admin.addService('salon', { name: 'Cut', duration: 30, staffIds: [stylist] });
  for (let weekday = 0; weekday < 7; weekday++) await admin.addHours(stylist, { weekday, from: '09:00', to: '17:00' });
  await admin.addSite({ id: 'barber', name: 'Barber', calendar: 'open' });
  const barbers = [await admin.addStaff('barber', { name: 'Avi' }), await admin.addStaff('barber', { name: 'Ben' })];
  await admin.addService('barber', { name: 'Shave', duration: 30, staffIds: barbers });
  for (const barber of barbers) for (let weekday = 0; weekday < 7; weekday++) await admin.addHours(barber, { weekday, from: '09:00', to: '17:00' });
  return {
    spin,
    cut: (await engine.providerFor(sites[1]!).catalog()).services[0]!.id,
    shave: (await engine.providerFor(sites[2]!).catalog()).services[0]!.id,
  };
}

async function sessionFor(url: string, site: string, origin: string) {
  const res = await fetch(`${url}/v1/session`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ site }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { token: string }).token;
}

async function firstRef(url: string, token: string, origin: string, service: string) {
  const res = await fetch(`${url}/v1/availability/times?service=${service}&date=${day}`, { headers: { authorization: `Bearer ${token}`, origin } });
  assert.equal(res.status, 200, await res.clone().text());
  const { times } = timesResponse.parse(await res.json());
  assert.ok(times.length > 0, 'the seeded day has times');
  return times[0]!;
}

function bookOne(url: string, token: string, origin: string, ref: string, i: number, tag: string) {
  return fetch(`${url}/v1/bookings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json', 'idempotency-key': `${tag}-${i}-concurrent` },
    body: JSON.stringify({ ref, participants: 1, customer: { firstName: `P${i}`, lastName: 'Test', cell: `050${String(1_000_000 + i)}` } }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));
}

function bookMany(url: string, token: string, origin: string, ref: string, count: number, tag: string) {
  return Promise.all(Array.from({ length: count }, (_, i) => bookOne(url, token, origin, ref, i, tag)));
}

describe('the backend on the embedded engine', () => {
  let dir: string;
  let server: Running;
  let ids: { spin: string; cut: string; shave: string };
  const manageTokens: string[] = [];
  let gymRetry: { index: number; id: string; ref: string } | null = null;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bookwell-engine-'));
    server = await startServer(dir);
    ids = await seed(server.engine);
  });
  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('50 simultaneous one-person bookings of a 5-place slot leave exactly 5', async () => {
    const origin = 'https://gym.example';
    const token = await sessionFor(server.url, 'gym', origin);
    const time = await firstRef(server.url, token, origin, ids.spin);
    assert.equal(time.placesLeft, 5);
    const results = await bookMany(server.url, token, origin, time.ref, 50, 'gym');
    const booked = results.filter((r) => r.status === 201);
    assert.equal(booked.length, 5);
    for (const r of results.filter((r) => r.status !== 201))
      assert.deepEqual([r.status, (r.body['error'] as { code: string }).code], [409, 'slot_taken']);
    const appointments = (await server.engine.admin.appointments('gym')).filter((a) => a.status === 'confirmed');
    assert.equal(
      appointments.reduce((n, a) => n + a.participants, 0),
      5,
    );
    for (const r of booked) manageTokens.push(bookingResponse.parse(r.body).booking.manage);
    const index = results.findIndex((r) => r.status === 201);
    gymRetry = { index, id: bookingResponse.parse(results[index]!.body).booking.id, ref: time.ref };
  });

  it('20 simultaneous bookings of one open-calendar time and staff leave exactly 1', async () => {
    const origin = 'https://salon.example';
    const token = await sessionFor(server.url, 'salon', origin);
    const time = await firstRef(server.url, token, origin, ids.cut);
    const results = await bookMany(server.url, token, origin, time.ref, 20, 'salon');
    assert.equal(results.filter((r) => r.status === 201).length, 1);
    assert.equal(results.filter((r) => r.status === 409).length, 19);
    const atThatTime = (await server.engine.admin.appointments('salon')).filter(
      (a) => a.status === 'confirmed' && a.from === new Date(time.start).toISOString(),
    );
    assert.equal(atThatTime.length, 1);
    manageTokens.push(bookingResponse.parse(results.find((r) => r.status === 201)!.body).booking.manage);
  });

  it('an "any staff" time whose offered person is taken meanwhile goes to another person free then', async () => {
    const origin = 'https://barber.example';
    const token = await sessionFor(server.url, 'barber', origin);
    const time = await firstRef(server.url, token, origin, ids.shave);
    const offered = time.staff!.id;
    const barber = server.engine.providerFor(sites[2]!);
    const [same] = (await barber.bookableTimes({ service: ids.shave, staff: offered, participants: 1, date: day })).filter(
      (t) => t.start === time.start,
    );
    await barber.book({
      service: ids.shave,
      staff: offered,
      branch: null,
      start: same!.start,
      end: same!.end,
      hold: same!.hold,
      participants: 1,
      customer: { firstName: 'Someone', lastName: 'Else', cell: '0529998888' },
      lang: 'en',
      idempotencyKey: 'someone-else-0001',
      resumed: false,
    });
    const res = await bookOne(server.url, token, origin, time.ref, 0, 'barber');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const { booking } = bookingResponse.parse(res.body);
    assert.equal(booking.start, time.start);
    assert.notEqual(booking.staff?.id, offered, 'the other barber, free at that time');
  });

  it('keeps every booking, manage link and idempotent answer across a restart', async () => {
    const before = [...(await server.engine.admin.appointments('gym')), ...(await server.engine.admin.appointments('salon'))];
    await server.stop();
    server = await startServer(dir);
    const afterRestart = [...(await server.engine.admin.appointments('gym')), ...(await server.engine.admin.appointments('salon'))];
    assert.deepEqual(afterRestart.map((a) => a.id).sort(), before.map((a) => a.id).sort());
    for (const manage of manageTokens) {
      const res = await fetch(`${server.url}/v1/manage`, manageInit(manage));
      assert.equal(res.status, 200);
      assert.equal(manageView.parse(await res.json()).booking.status, 'confirmed');
    }
    // A retry of a request made before the restart gets its first answer and books nothing more.
    const { index, id } = gymRetry!;
    const token = await sessionFor(server.url, 'gym', 'https://gym.example');
    const again = await bookOne(server.url, token, 'https://gym.example', gymRetry!.ref, index, 'gym');
    assert.equal(again.status, 201);
    assert.equal(bookingResponse.parse(again.body).booking.id, id);
    const gymAfter = await server.engine.admin.appointments('gym');
    assert.equal(gymAfter.length, before.filter((a) => a.slotId !== null).length);
  });

  it('a retry after a crash mid-booking finds the booking the cut-off attempt made, and books nothing more', async () => {
    const origin = 'https://salon.example';
    const token = await sessionFor(server.url, 'salon', origin);
    const time = await firstRef(server.url, token, origin, ids.cut);
    const key = 'crashed-mid-booking-0001';
    const body = { ref: time.ref, participants: 1, customer: { firstName: 'Noa', lastName: 'Cohen', cell: '0521234567' } };
    // The crash: the engine booked, then the process died before the answer was stored with the key.
    const [hold] = (await server.engine.providerFor(sites[1]!).bookableTimes({ service: ids.cut, participants: 1, date: day })).filter(
      (t) => t.start === time.start,
    );
    await server.engine.providerFor(sites[1]!).book({
      service: ids.cut,
      staff: null,
      branch: null,
      start: hold!.start,
      end: hold!.end,
      hold: hold!.hold,
      participants: 1,
      customer: body.customer,
      lang: 'en',
      idempotencyKey: key,
      resumed: false,
    });
    // Its claim: made a minute ago, its lease lapsed since the process stopped renewing it.
    await server.db.query('INSERT INTO idempotency_keys (site_id, key, request_hash, created_at, lease_until) VALUES ($1, $2, $3, $4, $5)', [
      'salon',
      key,
      requestHash(bookingRequest.parse(body)),
      new Date(Date.now() - 60_000).toISOString(),
      new Date(Date.now() - 1000).toISOString(),
    ]);

    const res = await fetch(`${server.url}/v1/bookings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { booking } = bookingResponse.parse(await res.json());
    assert.equal(booking.start, time.start);
    assert.equal(booking.id, bookingIdFor('salon', key));
    const atThatTime = (await server.engine.admin.appointments('salon')).filter((a) => a.from === new Date(time.start).toISOString());
    assert.equal(atThatTime.length, 1, 'one appointment, not two');
  });
});
