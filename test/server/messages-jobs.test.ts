/**
 * Messages after booking are jobs in the database: sent once, retried with backoff, kept across a restart,
 * shared safely by two instances, and a reminder follows its booking (cancelled: not sent; moved: moves).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/server/clock.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { backoffMs, jobsOf, maxAttempts } from '../../src/server/notify/jobs.ts';
import { DeliveryError, type Transports } from '../../src/server/notify/transports.ts';
import { openTestDatabase } from './helpers/engine.ts';
import { backendOn, book, messageSite, seedClinic, sent, summary } from './helpers/messages.ts';
import { manageInit } from './helpers/manage.ts';

const start = '2026-12-01T06:00:00Z';
const day = '2026-12-03'; // first free time 08:00 in Jerusalem = 06:00Z; reminder due 2026-12-02T06:00Z
const hour = 3_600_000;

let db: Database;
before(async () => {
  db = await openTestDatabase();
  // runDue sends every site's due jobs: on a PostgreSQL shared with the files before this one (npm run test:pg),
  // their reminders would fall due as these tests move the clock.
  await db.query('DELETE FROM message_jobs');
});
after(() => db.close());

async function clinic(overrides: Record<string, unknown> = {}, transports: Transports = {}) {
  const clock = fixedClock(start);
  const seedWith = backendOn(db, [], clock);
  const { id, service } = await seedClinic(seedWith.engine);
  const b = backendOn(db, [messageSite(id, overrides)], clock, transports);
  return { clock, b, site: id, service };
}

/** The engine's appointment behind one of our bookings. */
async function appointmentOf(bookingId: string): Promise<string> {
  const [row] = await db.query<{ platform_key: unknown }>('SELECT platform_key FROM booking_records WHERE id = $1', [bookingId]);
  const key = typeof row!.platform_key === 'string' ? JSON.parse(row!.platform_key) : row!.platform_key;
  return (key as { appointmentId: string }).appointmentId;
}

describe('message jobs', () => {
  it('a booking tells the customer (e-mail and SMS) and the business at once, and the reminder waits for its time', async () => {
    const { clock, b, site, service } = await clinic();
    const booking = await book(b, site, service, day);
    assert.equal(await b.rt.messages.runDue(), 4, 'booked (email, sms) and business_booked (email, sms); the reminder is not due');
    assert.deepEqual(summary(await sent(db, site)), [
      'booked:noa@example.com:stored',
      'booked:+972501234567:stored',
      'business_booked:owner@clinic.example:stored',
      'business_booked:+972521111111:stored',
    ]);
    const [mail] = await sent(db, site);
    assert.equal(mail!.bookingId, booking.id);
    assert.match(mail!.text, /https:\/\/book\.example\/manage\/\?site=[^#]+#bookwell-manage=\S+/, 'the manage link is in the message');
    assert.ok(mail!.html!.includes('dir="rtl"') && mail!.subject.includes('התור שלך'), 'in Hebrew, as the customer booked');

    clock.set(new Date(Date.parse(booking.start) - 24 * hour - 1000));
    assert.equal(await b.rt.messages.runDue(), 0, 'one second early: nothing');
    clock.advance(2000);
    assert.equal(await b.rt.messages.runDue(), 2);
    const reminders = (await sent(db, site)).filter((e) => e.kind === 'reminder');
    assert.deepEqual(
      reminders.map((r) => r.to.email ?? r.to.cell),
      ['noa@example.com', '+972501234567'],
    );
    assert.match(reminders[1]!.text, /bookwell-answer=yes/);
    assert.match(reminders[1]!.text, /bookwell-answer=no/);
    clock.advance(hour);
    assert.equal(await b.rt.messages.runDue(), 0, 'sent once');
  });

  it('a reminder due while the backend was stopped is sent after the restart, once', async () => {
    if (process.env.BOOKWELL_TEST_PG_URL) return; // the PostgreSQL run keeps the same server; this one restarts a PGlite folder
    const dir = await mkdtemp(join(tmpdir(), 'bookwell-restart-'));
    try {
      let disk = await openDatabase({ dataDir: dir });
      await migrate(disk);
      const clock = fixedClock(start);
      const { id, service } = await seedClinic(backendOn(disk, [], clock).engine);
      const sites = [messageSite(id)];
      const booking = await book(backendOn(disk, sites, clock), id, service, day);
      await disk.close(); // stopped before anything was sent

      clock.set(new Date(Date.parse(booking.start) - 2 * hour)); // the reminder fell due 22 hours ago
      disk = await openDatabase({ dataDir: dir });
      await migrate(disk);
      const restarted = backendOn(disk, sites, clock);
      await restarted.rt.messages.runDue();
      await restarted.rt.messages.runDue();
      const kinds = (await sent(disk, id)).map((e) => `${e.kind}:${e.to.email ?? e.to.cell}`);
      assert.deepEqual(
        kinds.filter((k) => k.startsWith('reminder')),
        ['reminder:noa@example.com', 'reminder:+972501234567'],
      );
      assert.equal(kinds.filter((k) => k.startsWith('booked')).length, 2, 'the booking message too, once per channel');
      await disk.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('two backend instances on one database send each message once', async () => {
    const url = process.env.BOOKWELL_TEST_PG_URL;
    const second = url ? await openDatabase({ url }) : db; // on PostgreSQL: a second pool, as a second process has
    try {
      const clock = fixedClock(start);
      const { id, service } = await seedClinic(backendOn(db, [], clock).engine);
      const sites = [messageSite(id)];
      const a = backendOn(db, sites, clock);
      const b = backendOn(second, sites, clock);
      for (let i = 0; i < 6; i++)
        await book(i % 2 ? a : b, id, service, day, { firstName: `P${i}`, lastName: 'Test', cell: `05012345${10 + i}`, email: `p${i}@example.com` });
      clock.set('2026-12-02T12:00:00Z'); // every booking message and every reminder is due
      const handled = await Promise.all([a.rt.messages.runDue(), b.rt.messages.runDue(), a.rt.messages.runDue(), b.rt.messages.runDue()]);
      await Promise.all([a.rt.messages.runDue(), b.rt.messages.runDue()]);
      const entries = await sent(db, id);
      // 6 bookings x (booked + reminder) x (email + sms), and 6 x business_booked x 2
      assert.equal(entries.length, 36, `handled ${handled.join('+')}`);
      const keys = entries.map((e) => `${e.bookingId}:${e.kind}:${e.to.email ?? e.to.cell}`);
      assert.equal(new Set(keys).size, keys.length, 'no message twice');
    } finally {
      if (second !== db) await second.close();
    }
  });

  it('a failed send is retried with backoff and ends as failed in the outbox; a permanent refusal fails at once', async () => {
    let calls = 0;
    const email = {
      name: 'smtp' as const,
      send: async () => {
        calls++;
        throw new DeliveryError('smtp_ECONNREFUSED');
      },
    };
    const sms = { name: 'twilio' as const, send: async () => Promise.reject(new DeliveryError('twilio_400_21211', true)) };
    const { clock, b, site, service } = await clinic({ business: undefined }, { email, sms });
    const booking = await book(b, site, service, day);
    await b.rt.messages.runDue();
    const jobs = () => jobsOf(db, booking.id);
    assert.deepEqual(
      (await jobs()).map((j) => `${j.kind}:${j.channel}:${j.status}:${j.attempts}`),
      ['booked:email:pending:1', 'booked:sms:failed:1', 'reminder:email:pending:0', 'reminder:sms:pending:0'],
    );
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      clock.advance(backoffMs(attempt) - 1000);
      await b.rt.messages.runDue();
      assert.equal(calls, attempt, 'not before its backoff');
      clock.advance(1000);
      await b.rt.messages.runDue();
    }
    assert.equal(calls, maxAttempts);
    const booked = (await jobs()).find((j) => j.kind === 'booked' && j.channel === 'email')!;
    assert.equal(booked.status, 'failed');
    assert.deepEqual(summary(await sent(db, site)), ['booked:+972501234567:failed', 'booked:noa@example.com:failed']);
  });

  it("a cancelled booking's reminder is not sent; the customer and the business hear of the cancel", async () => {
    const { clock, b, site, service } = await clinic();
    const booking = await book(b, site, service, day);
    const res = await b.app.request('/v1/manage', manageInit(booking.manage, { method: 'DELETE' }));
    assert.equal(res.status, 200, await res.clone().text());
    clock.set(new Date(Date.parse(booking.start) - hour));
    await b.rt.messages.runDue();
    const kinds = (await sent(db, site)).map((e) => e.kind);
    assert.ok(!kinds.includes('reminder'), kinds.join());
    assert.equal(kinds.filter((k) => k === 'cancelled').length, 2);
    assert.equal(kinds.filter((k) => k === 'business_cancelled').length, 2);
  });

  it('an appointment cancelled on the platform, not through us: no reminder, and it no longer counts as open', async () => {
    const { clock, b, site, service } = await clinic();
    const booking = await book(b, site, service, day);
    await b.rt.messages.runDue();
    await db.query("UPDATE appointments SET status = 'cancelled' WHERE id = $1", [await appointmentOf(booking.id)]);
    await b.rt.messages.moved(booking.id); // what a platform's webhook does for a changed appointment
    await b.rt.messages.runDue();
    assert.ok(!(await sent(db, site)).some((e) => e.kind === 'reminder'));
    const [record] = await db.query<{ cancelled_at: unknown }>('SELECT cancelled_at FROM booking_records WHERE id = $1', [booking.id]);
    assert.notEqual(record!.cancelled_at, null, 'the caps no longer count it as open');
    clock.set(new Date(Date.parse(booking.start) - hour));
    await b.rt.messages.runDue();
    assert.ok(!(await sent(db, site)).some((e) => e.kind === 'reminder'), 'nor at its time');
  });

  it("a moved appointment's reminder moves with it, later or earlier", async () => {
    const { clock, b, site, service } = await clinic({ business: undefined });
    const later = await book(b, site, service, day);
    const earlier = await book(b, site, service, day, { firstName: 'Eli', lastName: 'Cohen', cell: '0527654321' });
    await b.rt.messages.runDue();
    const move = (id: string, ms: number) =>
      db.query(`UPDATE appointments SET from_at = from_at + $2::interval, to_at = to_at + $2::interval WHERE id = $1`, [id, `${ms / 1000} seconds`]);
    await move(await appointmentOf(later.id), 24 * hour); // to 2026-12-04: its reminder is due 2026-12-03
    await move(await appointmentOf(earlier.id), -12 * hour); // 08:30 local to 2026-12-02 18:30Z: its reminder is due 2026-12-01 18:30Z
    await b.rt.messages.moved(earlier.id);

    clock.set('2026-12-01T18:30:30Z');
    await b.rt.messages.runDue();
    const reminded = async () => (await sent(db, site)).filter((e) => e.kind === 'reminder').map((e) => e.bookingId);
    assert.deepEqual(await reminded(), [earlier.id], 'the earlier one at its new time');
    clock.set('2026-12-02T06:00:30Z'); // the old time of the later one
    await b.rt.messages.runDue();
    assert.deepEqual(await reminded(), [earlier.id], 'not at its old time');
    const [job] = (await jobsOf(db, later.id)).filter((j) => j.kind === 'reminder');
    assert.equal(job!.dueAt, '2026-12-03T06:00:00.000Z');
    clock.set('2026-12-03T06:00:00Z');
    await b.rt.messages.runDue();
    assert.deepEqual(await reminded(), [earlier.id, later.id, later.id]);
  });
});
