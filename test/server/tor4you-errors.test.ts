import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixedClock, systemClock } from '../../src/server/clock.ts';
import { failureFor, signature } from '../../src/server/providers/tor4you/client.ts';
import { createTor4YouProvider } from '../../src/server/providers/tor4you/adapter.ts';
import { addDays, todayIn } from '../../src/contract/plain-date.ts';
import * as wire from '../../src/server/providers/tor4you/wire.ts';
import { startTor4YouFake, type Tor4YouFake } from '../fakes/tor4you/server.ts';
import { fakeSites, memoryLog } from '../fakes/tor4you/sites.ts';

let fake: Tor4YouFake;
before(async () => {
  fake = await startTor4YouFake();
});
after(() => fake.close());

function providers(options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; clock?: () => Date } = {}) {
  const sites = fakeSites(fake, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
  const log = memoryLog();
  const deps = { clock: options.clock ?? systemClock, log, env: { ...sites.env, ...options.env } };
  return { slots: createTor4YouProvider(sites.slots, deps), open: createTor4YouProvider(sites.open, deps), log, sites };
}

describe('Tor4You authentication', () => {
  test('the signature matches the worked example of the Tor4You document', () => {
    assert.equal(
      signature('123456', 'abcdefg', '202012311034', 'addcust', 'secret'),
      '2394f3d48822809e9942417686544704c1447eb3b20595d7465a7ff4658958cb',
    );
  });

  test('dt is the site local time when the call is made', async () => {
    // 08:34 UTC on 31 Dec 2020 is 10:34 in Israel (winter, +02:00), as in the document's example.
    const { open } = providers({ clock: fixedClock('2020-12-31T08:34:00Z') });
    const seen: URL[] = [];
    const sites = fakeSites(fake);
    const spy = createTor4YouProvider(sites.open, {
      clock: fixedClock('2020-12-31T08:34:00Z'),
      log: memoryLog(),
      env: sites.env,
      fetch: async (input) => {
        seen.push(new URL(String(input)));
        return Response.json({ status: 1, busname: 'x', usetimeslots: 'False' });
      },
    });
    await spy.site();
    const url = seen[0]!;
    assert.equal(url.searchParams.get('dt'), '202012311034');
    assert.equal(url.searchParams.get('sh'), signature('5002', 'openkey', '202012311034', 'siteinfo', 'open-secret'));
    // The fake's clock is now: a dt of 2020 is refused there as bad credentials.
    await assert.rejects(open.site(), { code: 'upstream_auth' });
  });

  test('a wrong torkey or a wrong secret is upstream_auth, and no secret reaches the log', async () => {
    const { slots, open, log } = providers({ env: { TOR4YOU_SLOTS_KEY: 'nope', TOR4YOU_OPEN_SECRET: 'wrong-secret' } });
    await assert.rejects(slots.catalog(), { code: 'upstream_auth' });
    await assert.rejects(open.catalog(), { code: 'upstream_auth' });
    const logged = JSON.stringify(log.lines);
    for (const secret of ['nope', 'wrong-secret', 'openkey', fake.slots.credentials.torkey]) assert.ok(!logged.includes(secret), secret);
    assert.ok(logged.includes('Bad credentials'), 'the platform message is kept in the log');
  });

  test('a missing environment variable stops the start, naming the variable', () => {
    const sites = fakeSites(fake);
    assert.throws(() => createTor4YouProvider(sites.slots, { clock: systemClock, log: memoryLog(), env: {} }), /TOR4YOU_SLOTS_KEY/);
  });
});

describe('Tor4You failures', () => {
  test('an answer that never comes is upstream_unavailable after timeoutMs, and a booking is not sent twice', async () => {
    const { slots } = providers({ timeoutMs: 500 });
    const date = fake.slots.slots[20]!.from.slice(0, 8);
    const [time] = await slots.bookableTimes({ service: '7002', participants: 1, date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` });
    assert.ok(time);
    fake.failNext('addappt', { kind: 'hang' });
    const before = fake.count('addappt');
    const started = Date.now();
    await assert.rejects(
      slots.book({
        service: '7002',
        staff: null,
        branch: null,
        start: time.start,
        end: time.end,
        hold: time.hold,
        participants: 1,
        lang: 'he',
        idempotencyKey: crypto.randomUUID(),
        resumed: false,
        customer: { firstName: 'אלי', lastName: 'ישראלי', cell: '0544444444' },
      }),
      { code: 'upstream_unavailable' },
    );
    assert.ok(Date.now() - started < 3000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(fake.count('addappt') - before, 1);
  });

  test('a booking whose answer was lost on the way is found in Tor4You and returned, not made twice', async () => {
    const { slots } = providers({ timeoutMs: 500 });
    const slot = fake.slots.slots[21]!;
    const date = `${slot.from.slice(0, 4)}-${slot.from.slice(4, 6)}-${slot.from.slice(6, 8)}`;
    const [time] = await slots.bookableTimes({ service: '7002', staff: slot.staff, participants: 1, date });
    assert.ok(time);
    fake.failNext('addappt', { kind: 'lost' });
    const before = fake.count('addappt');
    const booking = await slots.book({
      service: '7002',
      staff: null,
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: 1,
      lang: 'he',
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
      customer: { firstName: 'רות', lastName: 'לוי', cell: '0529876543' },
    });
    assert.equal(fake.count('addappt') - before, 1);
    const stored = fake.slots.appointments.find((a) => a.id === booking.key['apptId']);
    assert.ok(stored, 'the key names the appointment Tor4You made');
    assert.equal(stored.vfib, booking.key['vfib']);
    assert.equal(booking.start, time.start);
    assert.equal(booking.status, 'confirmed');
  });

  test('a resumed booking (the first attempt was cut off by a crash) is looked up first and not made twice', async () => {
    const { slots } = providers();
    const slot = fake.slots.slots[22]!;
    const date = `${slot.from.slice(0, 4)}-${slot.from.slice(4, 6)}-${slot.from.slice(6, 8)}`;
    const [time] = await slots.bookableTimes({ service: '7002', staff: slot.staff, participants: 1, date });
    assert.ok(time);
    const input = {
      service: '7002',
      staff: null,
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: 1,
      lang: 'he' as const,
      idempotencyKey: crypto.randomUUID(),
      customer: { firstName: 'דן', lastName: 'כץ', cell: '0531112222' },
    };
    const first = await slots.book({ ...input, resumed: false });
    const before = fake.count('addappt');
    const again = await slots.book({ ...input, resumed: true });
    assert.equal(fake.count('addappt'), before, 'no second addappt');
    assert.equal(again.key['apptId'], first.key['apptId']);
  });

  test('a server error is upstream_unavailable; an unreadable answer is upstream_error', async () => {
    const { slots } = providers();
    fake.failNext('siteinfo', { kind: 'http', status: 502 });
    await assert.rejects(slots.site(), { code: 'upstream_unavailable' });
    fake.failNext('services', { kind: 'garbage' });
    await assert.rejects(slots.catalog(), { code: 'upstream_error' });
    assert.equal((await slots.site()).calendar, 'slots', 'a failure is not remembered');
  });

  test('status 0 with a message is upstream_error; the message stays in the log, not with the customer', async () => {
    const { slots, log } = providers();
    fake.failNext('siteinfo', { kind: 'refuse', message: 'Daily quota exceeded' });
    await assert.rejects(slots.site(), (error: Error & { code: string }) => {
      assert.equal(error.code, 'upstream_error');
      assert.ok(!error.message.includes('quota'));
      return true;
    });
    assert.ok(log.lines.some((l) => l['upstreamMessage'] === 'Daily quota exceeded' && l['apicall'] === 'siteinfo'));
  });

  test('a query the platform refuses (internal or unknown service) is upstream_error, never a crash', async () => {
    const { open } = providers();
    const today = todayIn('Asia/Jerusalem', new Date());
    await assert.rejects(open.bookableDates({ service: '7103', participants: 1, from: today, to: addDays(today, 3) }), { code: 'upstream_error' });
    assert.match(fake.calls.at(-1)!.apicall, /availability/);
    await assert.rejects(open.bookableTimes({ service: '999', participants: 1, date: addDays(today, 1) }), { code: 'upstream_error' });
  });

  test('taken or full slots are slot_taken in Hebrew too; credentials words are upstream_auth', () => {
    assert.equal(failureFor('addappt', 'המשבצת מלאה').code, 'slot_taken');
    assert.equal(failureFor('addappt', 'Slot is full').code, 'slot_taken');
    assert.equal(failureFor('addappt', 'Time is not available').code, 'slot_taken');
    assert.equal(failureFor('addappt', 'Invalid cell').code, 'upstream_error');
    assert.equal(failureFor('availability', 'Slot is full').code, 'upstream_error');
    assert.equal(failureFor('services', 'Bad credentials').code, 'upstream_auth');
    assert.equal(failureFor('apptinfo', 'Appointment not found').code, 'not_found');
  });
});

describe('Tor4You answers as they arrive', () => {
  test('status, numbers and flags as text or numbers, empty strings and missing lists all parse', () => {
    const services = wire.servicesAnswer.parse({
      status: '1',
      services: [
        {
          id: 12345679,
          status: 1,
          name: 'פגישה',
          duration: '75',
          price: '',
          can_ext: 1,
          ext_can_cancel: '0',
          min_cancel_period: '',
          max_create_period: 365,
          min_create_period: '180',
        },
      ],
    });
    assert.deepEqual(services.services[0], {
      id: '12345679',
      status: true,
      name: 'פגישה',
      duration: 75,
      price: '',
      can_ext: true,
      ext_can_cancel: false,
      min_cancel_period: 0,
      max_create_period: 365,
      min_create_period: 180,
    });
    assert.deepEqual(wire.datesAnswer.parse({ status: 1 }).dates, []);
    assert.equal(wire.siteInfoAnswer.parse({ status: 1, busname: 'עסק', usetimeslots: 'True' }).usetimeslots, true);
    assert.equal(wire.siteInfoAnswer.parse({ status: 1, busname: 'עסק', usetimeslots: 'False' }).usetimeslots, false);
    assert.equal(wire.timesAnswer.parse({ status: 1, duration: '30', openhours: [{ staff: 12345, date: '202011091600' }] }).duration, 30);
    assert.throws(() => wire.timesAnswer.parse({ status: 1, openhours: [{ staff: '1', date: '2020-11-09 16:00' }] }));
  });
});
