import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoSiteIds, ensureDemoData } from '../../demo/data/demo.ts';
import { fixedClock } from '../../src/server/clock.ts';
import { loadSites } from '../../src/server/config/sites.ts';
import type { Database } from '../../src/server/db/database.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { OutboxNotifier } from '../../src/server/notify/outbox.ts';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../src/server/providers/embedded/index.ts';
import { addDays } from '../../src/contract/plain-date.ts';
import { bookInput } from './helpers/engine.ts';

const clock = fixedClock('2026-11-30T06:00:00Z');
let db: Database;
let engine: EmbeddedEngine;
const sites = await loadSites(fileURLToPath(new URL('../../demo/sites.json', import.meta.url)));
const clinicConfig = sites.find((s) => s.id === 'demo-clinic')!;
const studioConfig = sites.find((s) => s.id === 'demo-studio')!;

before(async () => {
  db = await openDatabase({ memory: true });
  await ensureDemoData(db, clock, demoSiteIds);
  engine = createEmbeddedEngine({ db, clock, notifier: new OutboxNotifier(db, clock) });
});
after(() => db.close());

const count = async (sql: string) => Number((await db.query<{ n: string }>(sql))[0]!.n);

describe('demo data', () => {
  it('describes the clinic: Hebrew name, open calendar, two branches, three service providers, internal service hidden', async () => {
    const clinic = engine.providerFor(clinicConfig);
    assert.deepEqual(await clinic.site(), { name: 'מרפאת הדגמה', phone: '03-555-0100', address: 'רחוב הרצל 10, תל אביב', calendar: 'open' });
    const catalog = await clinic.catalog();
    assert.equal(catalog.branches.length, 2);
    assert.equal(catalog.staff.length, 3);
    assert.equal(catalog.services.length, 3);
    assert.ok(catalog.services.some((s) => !s.customerCanCancel));
    assert.deepEqual(new Set(catalog.services.map((s) => s.durationMinutes)), new Set([30, 45, 60]));
  });

  it('the clinic has bookable dates this month and closes on Saturdays', async () => {
    const clinic = engine.providerFor(clinicConfig);
    const { services } = await clinic.catalog();
    const dates = await clinic.bookableDates({ service: services[0]!.id, participants: 1, from: '2026-11-30', to: '2026-12-30' });
    assert.ok(dates.length > 15);
    assert.ok(dates.every((d) => new Date(`${d}T12:00:00Z`).getUTCDay() !== 6));
  });

  it('the studio has group classes of 8, private slots and one slot blocked by a lozamin', async () => {
    const studio = engine.providerFor(studioConfig);
    const { services } = await studio.catalog();
    const yoga = services.find((s) => s.name === 'Yoga flow')!;
    assert.equal(yoga.groupBooking, true);
    assert.equal(yoga.maxParticipants, 8);
    assert.equal(services.find((s) => s.name === 'Private session')!.groupBooking, false);
    assert.equal(await count('SELECT count(*) AS n FROM slots WHERE service_id IS NULL'), await count("SELECT count(*) AS n FROM slots WHERE service_id IS NULL AND site_id = 'demo-studio'"));
    assert.ok((await count('SELECT count(*) AS n FROM slots WHERE service_id IS NULL')) > 0);
    const blocked = (await engine.admin.appointments('demo-studio')).filter((a) => a.lozamin);
    assert.equal(blocked.length, 1);
    assert.equal(await engine.admin.placesLeft(blocked[0]!.slotId!), 0);
    const [time] = await studio.bookableTimes({ service: yoga.id, participants: 3, date: '2026-12-01' });
    const booking = await studio.book(bookInput(time!, yoga.id, { participants: 3 }));
    assert.equal(booking.status, 'pending_code');
    assert.equal((await engine.admin.outbox('demo-studio')).length, 1);
  });

  it('running again duplicates nothing; a later start tops the studio up to 60 days ahead', async () => {
    const before = await count('SELECT count(*) AS n FROM slots');
    await ensureDemoData(db, clock, demoSiteIds);
    assert.equal(await count('SELECT count(*) AS n FROM slots'), before);
    assert.equal(await count('SELECT count(*) AS n FROM staff'), 6);
    clock.set('2026-12-20T06:00:00Z');
    await ensureDemoData(db, clock, demoSiteIds);
    assert.ok((await count('SELECT count(*) AS n FROM slots')) > before);
    const studio = engine.providerFor(studioConfig);
    const yoga = (await studio.catalog()).services.find((s) => s.name === 'Yoga flow')!;
    const dates = await studio.bookableDates({ service: yoga.id, participants: 1, from: addDays('2026-12-20', 50), to: addDays('2026-12-20', 59) });
    assert.ok(dates.length >= 7);
  });

  it('studio classes keep their wall-clock time across the change to summer time', async () => {
    clock.set('2027-03-20T06:00:00Z');
    await ensureDemoData(db, clock, demoSiteIds);
    const studio = engine.providerFor(studioConfig);
    const yoga = (await studio.catalog()).services.find((s) => s.name === 'Yoga flow')!;
    const [saturday] = await studio.bookableTimes({ service: yoga.id, participants: 1, date: '2027-03-27' });
    const [monday] = await studio.bookableTimes({ service: yoga.id, participants: 1, date: '2027-03-29' });
    assert.equal(saturday!.start, '2027-03-27T09:00:00+01:00');
    assert.equal(monday!.start, '2027-03-29T09:00:00+02:00');
  });
});
