import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../../src/server/clock.ts';
import { type Database } from '../../src/server/db/database.ts';
import type { BookInput, PlatformTime } from '../../src/server/providers/provider.ts';
import { createTimeTapProvider } from '../../src/server/providers/timetap/adapter.ts';
import { addDays } from '../../src/contract/plain-date.ts';
import { zonedDate } from '../../src/server/zoned.ts';
import { memoryLog } from '../fakes/tor4you/sites.ts';
import { startTimeTapFake, type TimeTapFake } from '../fakes/timetap/server.ts';
import { fakeSites } from '../fakes/timetap/sites.ts';
import { migratedMemoryDatabase } from './helpers/memory-database.ts';

let fake: TimeTapFake;
let db: Database;
before(async () => {
  fake = await startTimeTapFake();
  db = await migratedMemoryDatabase();
});
after(async () => {
  await fake.close();
  await db.close();
});

function provider(options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}) {
  const sites = fakeSites(fake, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
  const log = memoryLog();
  return { clinic: createTimeTapProvider(sites.clinic, { db, clock: systemClock, log, env: { ...sites.env, ...options.env } }), log };
}

/** Site dates from two days on that fall on Maria's Midtown days (Mon, Wed, Fri). */
function midtownDays(count: number): string[] {
  const out: string[] = [];
  for (let date = addDays(zonedDate('America/New_York', Date.now()), 2); out.length < count; date = addDays(date, 1)) {
    if ([1, 3, 5].includes(new Date(`${date}T12:00:00Z`).getUTCDay())) out.push(date);
  }
  return out;
}

const route = {
  token: 'GET /sessionToken',
  day: 'GET /availability/{YYYY}/{MM}/{DD}/{staffId}/{locationId}/{reasonId}',
  post: 'POST /appointments',
  clients: 'POST /clients',
  report: 'GET /appointments/report',
  get: 'GET /appointments/{calendarId}',
};

let customers = 0;
function bookInput(time: PlatformTime, extra: Partial<BookInput> = {}): BookInput {
  customers += 1;
  return {
    service: '601',
    staff: time.staff!.id,
    branch: '501',
    start: time.start,
    end: time.end,
    hold: time.hold,
    participants: 1,
    lang: 'en',
    customer: { firstName: `Ava${customers}`, lastName: 'Reed', cell: '6465550199', email: `ava${customers}@example.com` },
    idempotencyKey: crypto.randomUUID(),
    resumed: false,
    ...extra,
  };
}

describe('TimeTap session token', () => {
  test('one token serves every call', async () => {
    const { clinic } = provider();
    const before = fake.count(route.token);
    await clinic.catalog();
    for (const date of midtownDays(3)) await clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date });
    assert.equal(fake.count(route.token) - before, 1);
    const tokens = new Set(fake.calls.slice(-4).map((c) => c.token));
    assert.equal(tokens.size, 1);
  });

  test('when it expires, calls failing together share one renewal', async () => {
    const { clinic } = provider();
    await clinic.catalog();
    fake.expireTokens();
    fake.delayMs = 50;
    const before = fake.count(route.token);
    try {
      const answers = await Promise.all(
        midtownDays(6).map((date) => clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date })),
      );
      assert.ok(answers.every((times) => times.length > 0));
    } finally {
      fake.delayMs = 0;
    }
    assert.equal(fake.count(route.token) - before, 1, 'one renewal for six refused calls');
  });

  test('refused again after renewing is upstream_auth, and no key reaches the log', async () => {
    const { clinic, log } = provider({ env: { TIMETAP_PRIVATE_KEY: 'not-the-private-key' } });
    await assert.rejects(clinic.catalog(), { code: 'upstream_auth' });
    const logged = JSON.stringify(log.lines);
    for (const secret of ['not-the-private-key', fake.business.privateKey]) assert.ok(!logged.includes(secret));
    assert.ok(logged.includes('Invalid signature'), "TimeTap's words stay in the log");

    const good = provider();
    await good.clinic.catalog();
    fake.expireTokens();
    fake.failNext(route.token, { kind: 'http', status: 401 });
    await assert.rejects(good.clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date: midtownDays(1)[0]! }), {
      code: 'upstream_auth',
    });
  });
});

describe('TimeTap failures', () => {
  const date = () => midtownDays(2)[1]!;

  test('an HTML error page is never read as JSON: 5xx is upstream_unavailable, 4xx upstream_error with its words logged', async () => {
    const { clinic, log } = provider();
    fake.failNext(route.day, { kind: 'http', status: 503, page: '<html><body><h1>Service Unavailable</h1></body></html>' });
    await assert.rejects(clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date: date() }), {
      code: 'upstream_unavailable',
    });
    fake.failNext(route.day, { kind: 'http', status: 400, page: '<html><body><p>Bad <b>reasonId</b></p></body></html>' });
    await assert.rejects(clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date: date() }), {
      code: 'upstream_error',
    });
    const line = log.lines.find((l) => l['outcome'] === 'upstream_error');
    assert.equal(line?.['upstreamMessage'], 'Bad reasonId');
    fake.failNext(route.day, { kind: 'garbage' });
    await assert.rejects(clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date: date() }), {
      code: 'upstream_error',
    });
    assert.ok(log.lines.some((l) => l['outcome'] === 'not_json'));
  });

  test('no answer in time is upstream_unavailable', async () => {
    const { clinic } = provider({ timeoutMs: 600 });
    await clinic.catalog();
    fake.failNext(route.day, { kind: 'hang' });
    await assert.rejects(clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date: date() }), {
      code: 'upstream_unavailable',
    });
  });

  test('a time refused by name or by 409 is slot_taken', async () => {
    const { clinic } = provider();
    const times = await clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date: midtownDays(3)[2]! });
    fake.failNext(route.post, { kind: 'http', status: 400, page: '<html><body>This time slot is no longer available</body></html>' });
    await assert.rejects(clinic.book(bookInput(times[0]!)), { code: 'slot_taken' });
    await clinic.book(bookInput(times[1]!));
    await assert.rejects(clinic.book(bookInput(times[1]!)), { code: 'slot_taken' }, 'the fake answers 409');
  });

  test('an appointment that is not there, or not this client’s, is not_found', async () => {
    const { clinic } = provider();
    await assert.rejects(clinic.getBooking({ calendarId: '999999', clientId: '1' }), { code: 'not_found' });
    const [time] = await clinic.bookableTimes({ service: '601', staff: '702', branch: '501', participants: 1, date: midtownDays(4)[3]! });
    const booking = await clinic.book(bookInput(time!));
    await assert.rejects(clinic.getBooking({ ...booking.key, clientId: '12345' }), { code: 'not_found' });
    await assert.rejects(clinic.cancel({ calendarId: booking.key['calendarId']! }), { code: 'not_found' });
  });
});

describe('a TimeTap booking is never made twice', () => {
  test('an answer lost on the way: the appointment is found instead of failing, with one client', async () => {
    const { clinic, log } = provider({ timeoutMs: 800 });
    const [time] = await clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date: midtownDays(5)[4]! });
    const [clients, appointments] = [fake.count(route.clients), fake.business.appointments.length];
    fake.failNext(route.post, { kind: 'lost' });
    const booking = await clinic.book(bookInput(time!));
    assert.equal(booking.start, time!.start);
    assert.equal(fake.business.appointments.length, appointments + 1);
    assert.equal(fake.count(route.clients), clients + 1);
    assert.ok(log.lines.some((l) => l['outcome'] === 'recovered_after_timeout'));
  });

  test('a resumed retry finds the booking the cut-off attempt made, and a refused one reuses its client', async () => {
    const { clinic } = provider();
    const times = await clinic.bookableTimes({ service: '601', staff: '701', branch: '501', participants: 1, date: midtownDays(6)[5]! });
    const input = bookInput(times[0]!);
    const first = await clinic.book(input);
    const [clients, posts] = [fake.count(route.clients), fake.count(route.post)];
    const again = await clinic.book({ ...input, resumed: true });
    assert.deepEqual(again.key, first.key);
    assert.equal(fake.count(route.post), posts, 'no second POST /appointments');
    assert.equal(fake.count(route.clients), clients, 'no second client');
    assert.ok(fake.calls.some((c) => c.route === route.report && c.query['clientId'] === first.key['clientId']));

    const other = { ...bookInput(times[0]!), customer: { firstName: 'Mia', lastName: 'Stone', cell: '9175550123', email: 'mia@example.com' } };
    await assert.rejects(clinic.book(other), { code: 'slot_taken' });
    const before = fake.count(route.clients);
    await clinic.book({ ...other, hold: times[1]!.hold, start: times[1]!.start, end: times[1]!.end, idempotencyKey: crypto.randomUUID() });
    assert.equal(fake.count(route.clients), before, 'the client made for the refused attempt is reused');
  });
});
