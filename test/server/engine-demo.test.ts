/** The demo businesses of `npm start`: demo/sites.json and its two catalog files, started as the backend starts them. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixedClock } from '../../src/server/clock.ts';
import { loadSites } from '../../src/server/config/sites.ts';
import { type Database } from '../../src/server/db/database.ts';
import { buildProviders } from '../../src/server/providers/index.ts';
import { addDays, monthOf } from '../../src/contract/plain-date.ts';
import { bookInput } from './helpers/engine.ts';
import { migratedMemoryDatabase } from './helpers/memory-database.ts';

const clock = fixedClock('2026-11-30T06:00:00Z');
const quiet = { info() {}, warn() {}, error() {} };
let db: Database;
const sites = await loadSites(fileURLToPath(new URL('../../demo/sites.json', import.meta.url)));

/** The demo as one start of the backend sees it. */
const start = () => {
  const built = buildProviders(sites, { db, clock, log: quiet, env: {} });
  return { clinic: built.providers.get('demo-clinic')!, studio: built.providers.get('demo-studio')!, admin: built.engine!.admin };
};

before(async () => {
  db = await migratedMemoryDatabase();
});
after(() => db.close());

const count = async (sql: string) => Number((await db.query<{ n: string }>(sql))[0]!.n);

describe('demo data', () => {
  it('describes the clinic: Hebrew name, open calendar, two branches, three service providers, internal service hidden', async () => {
    const { clinic } = start();
    assert.deepEqual(await clinic.site(), { name: 'מרפאת הדגמה', phone: '03-555-0100', address: 'רחוב הרצל 10, תל אביב', calendar: 'open' });
    const catalog = await clinic.catalog();
    assert.equal(catalog.branches.length, 2);
    assert.equal(catalog.staff.length, 3);
    // Where each works, from their hours: Michal in Tel Aviv, Yossi in Haifa, Noa in both; choosing one narrows the other.
    const branchOf = new Map(catalog.branches.map((b) => [b.id, b.name]));
    assert.deepEqual(
      catalog.staff.map((member) => [member.name, (member.branchIds ?? []).map((id) => branchOf.get(id))]),
      [
        ['ד"ר מיכל לוי', ['סניף תל אביב']],
        ['יוסי כהן', ['סניף חיפה']],
        ['נועה ברק', ['סניף תל אביב', 'סניף חיפה']],
      ],
    );
    assert.deepEqual(
      catalog.services.map((s) => s.name),
      ['בדיקה כללית', 'ייעוץ', 'טיפול מקיף', 'טיפול לייזר'],
    );
    assert.ok(catalog.services.some((s) => !s.customerCanCancel));
    assert.deepEqual(new Set(catalog.services.map((s) => s.durationMinutes)), new Set([30, 45, 60, 90]));
  });

  it('the clinic has bookable dates this month and closes on Saturdays', async () => {
    const { clinic } = start();
    const { services } = await clinic.catalog();
    const dates = await clinic.bookableDates({ service: services[0]!.id, participants: 1, from: '2026-11-30', to: '2026-12-30' });
    assert.ok(dates.length > 15);
    assert.ok(dates.every((d) => new Date(`${d}T12:00:00Z`).getUTCDay() !== 6));
  });

  it("the clinic's laser treatment has no date this month or the next, so the widget offers the next available one", async () => {
    const { clinic } = start();
    const laser = (await clinic.catalog()).services.find((s) => s.name === 'טיפול לייזר')!;
    const dates = await clinic.bookableDates({ service: laser.id, participants: 1, from: '2026-11-30', to: addDays('2026-11-30', 120) });
    assert.ok(dates.length > 10);
    assert.equal(dates[0], '2027-01-11', 'six weeks from 30 November, on a day Dr. Levi works');
    assert.ok(!dates.some((d) => monthOf(d) === '2026-12'));
  });

  it('the studio has group classes of 8 and private slots, and books a group with a code', async () => {
    const { studio, admin } = start();
    const { services } = await studio.catalog();
    const yoga = services.find((s) => s.name === 'Yoga flow')!;
    assert.equal(yoga.groupBooking, true);
    assert.equal(yoga.maxParticipants, 8);
    assert.equal(services.find((s) => s.name === 'Private session')!.groupBooking, false);
    assert.ok(
      (await count("SELECT count(*) AS n FROM slots WHERE service_id IS NULL AND site_id = 'demo-studio'")) > 0,
      "Thomas's open slots take any of his services",
    );
    const [time] = await studio.bookableTimes({ service: yoga.id, participants: 3, date: '2026-12-01' });
    assert.equal(time!.start, '2026-12-01T09:00:00+01:00');
    assert.equal(time!.placesLeft, 8);
    const booking = await studio.book(bookInput(time!, yoga.id, { participants: 3 }));
    assert.equal(booking.status, 'pending_code');
    assert.equal((await admin.outbox('demo-studio')).length, 1);
  });

  it('starting again duplicates nothing; a later start reaches 60 days ahead again', async () => {
    const slots = () => count("SELECT count(*) AS n FROM slots WHERE site_id = 'demo-studio'");
    await start().studio.catalog();
    const before = await slots();
    await start().studio.catalog();
    await start().clinic.catalog();
    assert.equal(await slots(), before);
    assert.equal(await count('SELECT count(*) AS n FROM staff'), 6);
    clock.set('2026-12-20T06:00:00Z');
    const { studio } = start();
    const yoga = (await studio.catalog()).services.find((s) => s.name === 'Yoga flow')!;
    assert.ok((await slots()) > before);
    const dates = await studio.bookableDates({ service: yoga.id, participants: 1, from: addDays('2026-12-20', 50), to: addDays('2026-12-20', 59) });
    assert.ok(dates.length >= 7);
  });

  it('studio classes keep their wall-clock time across the change to summer time', async () => {
    clock.set('2027-03-20T06:00:00Z');
    const { studio } = start();
    const yoga = (await studio.catalog()).services.find((s) => s.name === 'Yoga flow')!;
    const [saturday] = await studio.bookableTimes({ service: yoga.id, participants: 1, date: '2027-03-27' });
    const [monday] = await studio.bookableTimes({ service: yoga.id, participants: 1, date: '2027-03-29' });
    assert.equal(saturday!.start, '2027-03-27T09:00:00+01:00');
    assert.equal(monday!.start, '2027-03-29T09:00:00+02:00');
  });
});
