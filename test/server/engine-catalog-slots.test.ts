/**
 * A timeslots calendar from a catalog file: weekly and dated slots with group places, applied at every start
 * (and each new day) keeping slot ids, and never losing a booking when the file drops, shrinks or reshapes a slot.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/server/clock.ts';
import { parseSites, SitesConfigError } from '../../src/server/config/sites.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { applyCatalog } from '../../src/server/providers/embedded/apply-catalog.ts';
import { catalogFile } from '../../src/server/providers/embedded/catalog-file.ts';
import type { PlatformTime, Provider } from '../../src/server/providers/provider.ts';
import { buildProviders } from '../../src/server/providers/index.ts';
import { bookInput, newSiteId, openTestDatabase } from './helpers/engine.ts';

let dir: string;
let db: Database;
const warnings: Record<string, unknown>[] = [];
const log = { info() {}, warn: (f: Record<string, unknown>) => void warnings.push(f), error() {} };
// Monday 1 March 2027, 08:00 in New York.
const clock = fixedClock('2027-03-01T13:00:00Z');

type Slot = Record<string, unknown>;
const studio = (slots: Slot[], extra: Record<string, unknown> = {}) => ({
  name: 'Harbor Yoga',
  calendar: 'slots',
  services: [
    { key: 'yoga', name: 'Yoga', durationMinutes: 60, places: 8, maxDaysAhead: 20 },
    { key: 'private', name: 'Private lesson', durationMinutes: 60, maxDaysAhead: 30 },
  ],
  staff: [{ key: 'ava', name: 'Ava', services: ['yoga', 'private'], ...extra }],
  slots,
});
const tuesdayYoga: Slot = { staff: 'ava', service: 'yoga', days: [2], from: '09:00', to: '10:00' };

/** Starts the site's engine from this file, as the backend does at start; `id` names the site (and its database rows). */
async function start(id: string, file: object) {
  const path = join(dir, `${id}.json`);
  await writeFile(path, JSON.stringify(file));
  const config = parseSites(
    {
      sites: [
        {
          id,
          origins: ['https://yoga.example'],
          locale: 'en',
          languages: ['en'],
          timezone: 'America/New_York',
          country: 'US',
          currency: 'USD',
          provider: { type: 'embedded', catalog: path },
        },
      ],
    },
    'sites.json',
  );
  const provider: Provider = buildProviders(config, { db, clock, log, env: {} }).providers.get(id)!;
  const { services } = await provider.catalog();
  const service = (name: string) => services.find((s) => s.name === name)!;
  const times = (name: string, date: string, participants = 1): Promise<PlatformTime[]> =>
    provider.bookableTimes({ service: service(name).id, participants, date });
  const book = async (name: string, time: PlatformTime, participants = 1) => provider.book(bookInput(time, service(name).id, { participants }));
  return { provider, service, times, book };
}
const newSite = () => newSiteId('harbor');
const startsOf = (times: PlatformTime[]) => times.map((t) => t.start);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bookwell-slots-'));
  db = await openTestDatabase();
});
after(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('timeslots from a catalog file', () => {
  it("offers weekly slots with their places up to the service's last day, dated slots on their date, none in time off", async () => {
    clock.set('2027-03-01T13:00:00Z');
    const id = newSite();
    const site = await start(
      id,
      studio(
        [
          tuesdayYoga,
          { staff: 'ava', service: 'yoga', date: '2027-03-06', from: '10:00', to: '11:30', places: 12 },
          { staff: 'ava', days: [4], firstDate: '2027-03-10', from: '13:00', to: '14:00' },
        ],
        { timeOff: [{ from: '2027-03-09T00:00:00-05:00', to: '2027-03-10T00:00:00-05:00' }] },
      ),
    );
    assert.equal(site.service('Yoga').maxParticipants, 12);
    const tuesday = await site.times('Yoga', '2027-03-02');
    assert.deepEqual(startsOf(tuesday), ['2027-03-02T09:00:00-05:00']);
    assert.equal(tuesday[0]!.placesLeft, 8);
    // 16 March: the clocks went forward on the 14th, the class stays at 09:00.
    assert.deepEqual(startsOf(await site.times('Yoga', '2027-03-16')), ['2027-03-16T09:00:00-04:00']);
    assert.deepEqual(startsOf(await site.times('Yoga', '2027-03-09')), [], 'Ava is off that day');
    // maxDaysAhead 20: 21 March is the last day, so 23 March has no class yet.
    assert.deepEqual(startsOf(await site.times('Yoga', '2027-03-23')), []);
    const saturday = await site.times('Yoga', '2027-03-06');
    assert.deepEqual(startsOf(saturday), ['2027-03-06T10:00:00-05:00']);
    assert.equal(saturday[0]!.placesLeft, 12);
    // The any-service slot takes the private lesson too, from its first date on; alone, so no places shown.
    assert.deepEqual(startsOf(await site.times('Private lesson', '2027-03-04')), []);
    const thursday = await site.times('Private lesson', '2027-03-11');
    assert.deepEqual(startsOf(thursday), ['2027-03-11T13:00:00-05:00']);
    assert.equal(thursday[0]!.placesLeft, null);
  });

  it("a restart with the same file keeps each slot and its bookings; a long run adds the new day's slots", async () => {
    clock.set('2027-03-01T13:00:00Z');
    const id = newSite();
    const first = await start(id, studio([tuesdayYoga]));
    const [time] = await first.times('Yoga', '2027-03-02');
    await first.book('Yoga', time!, 3);
    const again = await start(id, studio([tuesdayYoga]));
    const [same] = await again.times('Yoga', '2027-03-02');
    assert.deepEqual(same!.hold, time!.hold);
    assert.equal(same!.placesLeft, 5);
    const count = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM slots WHERE site_id = $1', [id]))[0]!.n);
    assert.equal(await count(), 3, 'Tuesdays 2, 9 and 16 March');
    // Two days on, without a restart: 23 March is now inside the 20 days.
    clock.set('2027-03-03T13:00:00Z');
    assert.deepEqual(startsOf(await again.times('Yoga', '2027-03-23')), ['2027-03-23T09:00:00-04:00']);
  });

  it('a slot the file drops is closed, not deleted, while someone is booked on it: the booking stays and can be cancelled', async () => {
    clock.set('2027-03-01T13:00:00Z');
    const id = newSite();
    const wednesday: Slot = { staff: 'ava', service: 'yoga', days: [3], from: '18:00', to: '19:00' };
    const first = await start(id, studio([tuesdayYoga, wednesday]));
    const [time] = await first.times('Yoga', '2027-03-02');
    const booking = await first.book('Yoga', time!);
    const second = await start(id, studio([]));
    assert.deepEqual(startsOf(await second.times('Yoga', '2027-03-02')), [], 'closed to new bookings');
    assert.deepEqual(startsOf(await second.times('Yoga', '2027-03-03')), []);
    assert.equal((await second.provider.getBooking(booking.key)).status, 'confirmed');
    assert.equal((await second.provider.cancel(booking.key)).status, 'cancelled');
    const rows = await db.query<{ from_at: Date; cancelled: boolean }>('SELECT from_at, cancelled FROM slots WHERE site_id = $1', [id]);
    assert.deepEqual(
      rows.map((r) => [new Date(r.from_at).toISOString(), r.cancelled]),
      [['2027-03-02T14:00:00.000Z', true]],
      'the unbooked slots are gone',
    );
    // Back in the file: the same slot opens again.
    const third = await start(id, studio([tuesdayYoga]));
    assert.deepEqual((await third.times('Yoga', '2027-03-02'))[0]?.hold, time!.hold);
  });

  it('fewer places than are booked keeps every booking; the slot is offered again once it has room', async () => {
    clock.set('2027-03-01T13:00:00Z');
    const id = newSite();
    const first = await start(id, studio([tuesdayYoga]));
    const [time] = await first.times('Yoga', '2027-03-02');
    const three = await first.book('Yoga', time!, 3);
    const two = await first.book('Yoga', time!, 2);
    const second = await start(id, studio([{ ...tuesdayYoga, places: 4 }]));
    assert.deepEqual(startsOf(await second.times('Yoga', '2027-03-02')), []);
    assert.equal((await second.provider.getBooking(three.key)).participants, 3);
    assert.equal((await second.provider.getBooking(two.key)).status, 'confirmed');
    await second.provider.cancel(three.key);
    const [room] = await second.times('Yoga', '2027-03-02');
    assert.equal(room?.placesLeft, 2);
  });

  it('a booked slot the file reshapes keeps its booked shape and closes (with a warning); an unbooked one takes the new shape', async () => {
    clock.set('2027-03-01T13:00:00Z');
    const id = newSite();
    const first = await start(id, studio([tuesdayYoga]));
    const [time] = await first.times('Yoga', '2027-03-02');
    const booking = await first.book('Yoga', time!);
    warnings.length = 0;
    const second = await start(id, studio([{ ...tuesdayYoga, to: '10:30' }]));
    assert.deepEqual(startsOf(await second.times('Yoga', '2027-03-02')), []);
    assert.equal((await second.provider.getBooking(booking.key)).end, '2027-03-02T10:00:00-05:00');
    assert.deepEqual(
      warnings.map((w) => [w.msg, w.slot]),
      [['catalog slot kept as booked, closed to new bookings', 'ava 2027-03-02T14:00:00.000Z']],
    );
    const [longer] = await second.times('Yoga', '2027-03-09');
    assert.equal(longer?.end, '2027-03-09T10:30:00-05:00');
  });

  it('two instances starting together on one database write each slot once', async () => {
    clock.set('2027-03-01T13:00:00Z');
    const id = newSite();
    const url = process.env.BOOKWELL_TEST_PG_URL;
    // On PostgreSQL a second connection, as a second instance has; PGlite in memory has one.
    const other = url ? await openDatabase({ url }) : db;
    try {
      const file = catalogFile.parse(studio([tuesdayYoga, { staff: 'ava', days: [1, 3, 5], from: '12:00', to: '13:00' }]));
      const site = { id, timeZone: 'America/New_York' };
      const [first, second] = await Promise.all([
        applyCatalog(db, site, file, clock().getTime()),
        applyCatalog(other, site, file, clock().getTime()),
      ]);
      assert.deepEqual(
        [first.added + second.added, Math.min(first.added, second.added)],
        [17, 0],
        'one adds 3 Tuesday classes and 14 Monday, Wednesday and Friday slots (30 days: the private lesson), the other finds them',
      );
      assert.equal(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM slots WHERE site_id = $1', [id]))[0]!.n), 17);
    } finally {
      if (other !== db) await other.close();
    }
  });

  it('a wrong slot stops the start, naming the file and the field', async () => {
    const id = newSite();
    const path = join(dir, `${id}.json`);
    await assert.rejects(
      start(
        id,
        studio([
          { staff: 'ava', service: 'massage', days: [2], date: '2027-03-02', from: '09:00', to: '08:00' },
          { staff: 'bo', days: [1], from: '09:00', to: '10:00' },
        ]),
      ),
      (error: unknown) => {
        assert.ok(error instanceof SitesConfigError);
        for (const part of [
          'slots.0.to": to comes after from',
          'slots.0.days": a slot has either days',
          'slots.0.service": ava does not perform "massage"',
          'slots.1.staff": no staff member "bo"',
        ]) {
          assert.ok(error.message.includes(`${path}: field "${part}`), `${part} in ${error.message}`);
        }
        return true;
      },
    );
    await assert.rejects(start(id, { ...studio([tuesdayYoga]), calendar: 'open' }), /field "slots": slots need "calendar": "slots"/);
    await assert.rejects(
      start(id, studio([tuesdayYoga], { hours: [{ days: [1], from: '09:00', to: '17:00' }] })),
      /field "staff.0.hours": a timeslots calendar offers its slots, not hours/,
    );
  });
});
