/**
 * The embedded engine set up from a catalog file: a Los Angeles business open Sundays 06:00-10:00 offers those
 * times through /v1 on 14 March 2027 (its clocks go forward that night) as on the Sundays around it; a changed
 * file keeps service and staff ids; a wrong file stops the start naming the file and the field; a relative path
 * names the file beside the sites file.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.ts';
import { fixedClock } from '../../src/server/clock.ts';
import { loadSites, parseSites, SitesConfigError } from '../../src/server/config/sites.ts';
import { type Database } from '../../src/server/db/database.ts';
import { catalogFile } from '../../src/server/providers/embedded/catalog-file.ts';
import { buildProviders } from '../../src/server/providers/index.ts';
import { bookInput } from './helpers/engine.ts';
import { migratedMemoryDatabase } from './helpers/memory-database.ts';

const origin = 'https://sunday.example';
const quiet = { info() {}, warn() {}, error() {} };
let dir: string;
let db: Database;

const catalog = (overrides: Record<string, unknown> = {}) => ({
  name: 'Sunday Stretch',
  services: [{ key: 'stretch', name: 'Stretch', durationMinutes: 30, gridMinutes: 30, maxDaysAhead: 365 }],
  staff: [{ key: 'sam', name: 'Sam', services: ['stretch'], hours: [{ days: [0], from: '06:00', to: '10:00' }] }],
  ...overrides,
});

/** The sites file of the Sunday business, naming its catalog file by `catalog`. */
const sundaySites = (catalog: string) => ({
  sites: [
    {
      id: 'sunday',
      origins: [origin],
      locale: 'en',
      languages: ['en'],
      timezone: 'America/Los_Angeles',
      country: 'US',
      currency: 'USD',
      provider: { type: 'embedded', catalog },
    },
  ],
});

async function start(file: object) {
  const path = join(dir, 'catalog.json');
  await writeFile(path, JSON.stringify(file));
  const sites = parseSites(sundaySites(path), 'sites.json');
  const clock = fixedClock('2027-03-01T12:00:00Z');
  const built = buildProviders(sites, { db, clock, log: quiet, env: {} });
  const app = createApp({
    sites: new Map(sites.map((s) => [s.id, s])),
    providers: built.providers,
    db,
    clock,
    log: quiet,
    publicUrl: 'https://book.example',
    secret: 'catalog-test-secret-catalog-test-secret-1',
  });
  const session = await app.request('/v1/session', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ site: 'sunday' }),
  });
  assert.equal(session.status, 200);
  const answer = (await session.json()) as { token: string; site: { name: string; phone?: string; address?: string } };
  const headers = { authorization: `Bearer ${answer.token}`, origin };
  const get = async <T>(path: string): Promise<T> => {
    const res = await app.request(path, { headers });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as T;
  };
  const { services, staff } = await get<{ services: Array<{ id: string; name: string }>; staff: Array<{ id: string; name: string }> }>('/v1/catalog');
  const offered = async (date: string) =>
    (await get<{ times: Array<{ start: string; ref: string }> }>(`/v1/availability/times?service=${services[0]!.id}&date=${date}`)).times;
  const times = async (date: string) => (await offered(date)).map((t) => t.start);
  const book = (ref: string, key: string, firstName: string) =>
    app.request('/v1/bookings', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({
        ref,
        participants: 1,
        customer: { firstName, lastName: 'Lee', cell: '213-555-0142', email: `${firstName.toLowerCase()}@example.com` },
      }),
    });
  return { services, staff, times, offered, book, business: answer.site, provider: built.providers.get('sunday')! };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bookwell-catalog-'));
  db = await migratedMemoryDatabase();
});
after(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the embedded engine from a catalog file', () => {
  it('offers the Sunday 06:00-10:00 times on 14 March 2027, a clock-change day, as on the Sundays around it', async () => {
    const site = await start(catalog());
    const starts = ['06:00', '06:30', '07:00', '07:30', '08:00', '08:30', '09:00', '09:30'];
    assert.deepEqual(
      await site.times('2027-03-07'),
      starts.map((s) => `2027-03-07T${s}:00-08:00`),
    );
    assert.deepEqual(
      await site.times('2027-03-14'),
      starts.map((s) => `2027-03-14T${s}:00-07:00`),
    );
    assert.deepEqual(
      await site.times('2027-03-21'),
      starts.map((s) => `2027-03-21T${s}:00-07:00`),
    );
  });

  it('books a time through /v1, then refuses that time to the next customer and stops offering it', async () => {
    const site = await start(catalog());
    const [first] = await site.offered('2027-03-14');
    const booked = await site.book(first!.ref, 'catalog-book-1', 'Ana');
    assert.equal(booked.status, 201, await booked.clone().text());
    const again = await site.book(first!.ref, 'catalog-book-2', 'Ben');
    assert.equal(again.status, 409);
    assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'slot_taken');
    assert.equal((await site.times('2027-03-14')).includes(first!.start), false);
  });

  it('answers knownTaken at once, as the booking route reads it (a promise there read as "taken")', async () => {
    const site = await start(catalog());
    const [time] = await site.provider.bookableTimes({ service: site.services[0]!.id, participants: 1, date: '2027-03-14' });
    assert.equal(site.provider.knownTaken!(bookInput(time!, site.services[0]!.id)), false);
  });

  it("names the business's phone and address from the file, and drops them when the file does", async () => {
    const named = await start(catalog({ phone: '+1 213 555 0100', address: '200 N Spring St, Los Angeles' }));
    assert.deepEqual([named.business.phone, named.business.address], ['+1 213 555 0100', '200 N Spring St, Los Angeles']);
    const bare = await start(catalog());
    assert.deepEqual([bare.business.phone, bare.business.address], [undefined, undefined]);
  });

  it('a changed file applied at the next start keeps the ids of services and staff, and hides what left it', async () => {
    const first = await start(catalog());
    const changed = catalog({
      services: [
        { key: 'stretch', name: 'Morning stretch', durationMinutes: 30, gridMinutes: 30, maxDaysAhead: 365 },
        { key: 'yoga', name: 'Yoga', durationMinutes: 60, gridMinutes: 60 },
      ],
      staff: [{ key: 'sam', name: 'Sam Lee', services: ['stretch', 'yoga'], hours: [{ days: [0], from: '07:00', to: '10:00' }] }],
    });
    const second = await start(changed);
    assert.equal(second.services.find((s) => s.name === 'Morning stretch')?.id, first.services[0]!.id);
    assert.deepEqual(second.staff, [{ id: first.staff[0]!.id, name: 'Sam Lee' }]);
    assert.deepEqual((await second.times('2027-03-07'))[0], '2027-03-07T07:00:00-08:00');
    const third = await start(
      catalog({
        services: [{ key: 'yoga', name: 'Yoga', durationMinutes: 60, gridMinutes: 60 }],
        staff: [{ key: 'sam', name: 'Sam', services: ['yoga'] }],
      }),
    );
    assert.deepEqual(
      third.services.map((s) => s.name),
      ['Yoga'],
    );
  });

  it("reads a relative catalog path from the sites file's folder, wherever the backend was started", async () => {
    const config = join(dir, 'config');
    await mkdir(config, { recursive: true });
    await writeFile(join(config, 'sunday.catalog.json'), JSON.stringify(catalog()));
    await writeFile(join(config, 'sites.json'), JSON.stringify(sundaySites('sunday.catalog.json')));
    const cwd = process.cwd();
    // Started elsewhere: a path read from the working directory would miss the file and stop the start.
    process.chdir(tmpdir());
    try {
      const sites = await loadSites(join(config, 'sites.json'));
      const provider = buildProviders(sites, { db, clock: fixedClock('2027-03-01T12:00:00Z'), log: quiet, env: {} }).providers.get('sunday')!;
      assert.deepEqual(
        (await provider.catalog()).services.map((s) => s.name),
        ['Stretch'],
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('a wrong catalog stops the start, naming the file and the field', async () => {
    await assert.rejects(
      start(catalog({ staff: [{ key: 'sam', name: 'Sam', services: ['massage'], hours: [{ days: [7], from: '06:00', to: '10:00' }] }] })),
      (error: unknown) =>
        error instanceof SitesConfigError &&
        error.message.includes(join(dir, 'catalog.json')) &&
        error.message.includes('field "staff.0.hours.0.days.0"') &&
        error.message.includes('field "staff.0.services.0": no service "massage"'),
    );
  });

  it('the examples of docs/embedded.md are valid catalog files', async () => {
    const doc = await readFile(new URL('../../docs/embedded.md', import.meta.url), 'utf8');
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
      .filter((e) => 'services' in e);
    assert.deepEqual(
      examples.map((e) => e['calendar']),
      ['open', 'slots'],
    );
    for (const example of examples) assert.deepEqual(catalogFile.safeParse(example).error?.issues ?? [], []);
  });
});
