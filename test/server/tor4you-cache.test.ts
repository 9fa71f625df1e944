import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fixedClock } from '../../src/server/clock.ts';
import { withAvailabilityCache } from '../../src/server/providers/shared/availability-cache.ts';
import type { BookInput, Provider } from '../../src/server/providers/provider.ts';
import { createTor4YouProvider } from '../../src/server/providers/tor4you/adapter.ts';
import { startTor4YouFake, type Tor4YouFake } from '../fakes/tor4you/server.ts';
import { fakeSites, memoryLog } from '../fakes/tor4you/sites.ts';

const ttlMs = 30_000;
let fake: Tor4YouFake;
let clock: ReturnType<typeof fixedClock>;
let cachedSlots: Provider;
let date: string;

before(async () => {
  fake = await startTor4YouFake();
  const first = fake.slots.slots[16]!.from;
  date = `${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6, 8)}`;
});
after(() => fake.close());
beforeEach(() => {
  // The fake checks dt against its own (real) clock, so the cache's clock starts at now.
  clock = fixedClock(new Date());
  const sites = fakeSites(fake);
  cachedSlots = withAvailabilityCache(createTor4YouProvider(sites.slots, { clock, log: memoryLog(), env: sites.env }), { ttlMs, clock });
  fake.delayMs = 0;
});

const query = () => ({ service: '7002', staff: '8001', participants: 1, date });

describe('the availability cache in front of Tor4You', () => {
  test('ten identical questions at once make one upstream call', async () => {
    await cachedSlots.catalog();
    fake.delayMs = 50;
    const before = fake.count('availability');
    const answers = await Promise.all(Array.from({ length: 10 }, () => cachedSlots.bookableTimes(query())));
    assert.equal(fake.count('availability') - before, 1);
    assert.ok(answers[0]!.length > 0);
    assert.ok(answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0])));
  });

  test('different questions are asked separately; the same one is answered from the cache until ttlMs', async () => {
    const before = fake.count('availability');
    await cachedSlots.bookableTimes(query());
    await cachedSlots.bookableTimes({ ...query(), staff: '8002' });
    await cachedSlots.bookableTimes(query());
    assert.equal(fake.count('availability') - before, 2);
    clock.advance(ttlMs - 1);
    await cachedSlots.bookableTimes(query());
    assert.equal(fake.count('availability') - before, 2);
    clock.advance(2);
    await cachedSlots.bookableTimes(query());
    assert.equal(fake.count('availability') - before, 3);
  });

  test('the catalog and site are cached too, and asked again after ttlMs or invalidate()', async () => {
    // A provider that only counts, so no cache inside an adapter can answer for the one under test.
    const asked = { site: 0, catalog: 0 };
    const counting = {
      site: async () => (asked.site++, { name: 'Counted', calendar: 'slots' as const }),
      catalog: async () => (asked.catalog++, { services: [], staff: [], branches: [] }),
    } as unknown as Provider;
    const cached = withAvailabilityCache(counting, { ttlMs, clock });
    await Promise.all([cached.catalog(), cached.catalog(), cached.site(), cached.site()]);
    await cached.catalog();
    await cached.site();
    assert.deepEqual(asked, { site: 1, catalog: 1 });
    clock.advance(ttlMs);
    await Promise.all([cached.catalog(), cached.site()]);
    assert.deepEqual(asked, { site: 2, catalog: 2 });
    cached.invalidate!();
    await Promise.all([cached.catalog(), cached.site()]);
    assert.deepEqual(asked, { site: 3, catalog: 3 });
  });

  test('after a booking the next question sees fresh data', async () => {
    const [time] = await cachedSlots.bookableTimes(query());
    assert.ok(time);
    const booking = await cachedSlots.book({
      service: '7002',
      staff: '8001',
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: 1,
      lang: 'he',
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
      customer: { firstName: 'נועה', lastName: 'לוי', cell: '0521234567' },
    });
    const after = await cachedSlots.bookableTimes(query());
    assert.ok(!after.some((t) => t.hold['slotId'] === time.hold['slotId']), 'the booked slot is no longer offered');
    await cachedSlots.cancel(booking.key);
    const again = await cachedSlots.bookableTimes(query());
    assert.ok(
      again.some((t) => t.hold['slotId'] === time.hold['slotId']),
      'after the cancel it is offered again',
    );
  });

  test("hands findBooking on: a retry of a cut-off booking finds what it made, however old its time's ref", async () => {
    const [time] = await cachedSlots.bookableTimes(query());
    assert.ok(time);
    const input = {
      service: '7002',
      staff: '8001',
      branch: null,
      start: time.start,
      end: time.end,
      hold: time.hold,
      participants: 1,
      lang: 'he' as const,
      idempotencyKey: crypto.randomUUID(),
      resumed: false,
      customer: { firstName: 'דנה', lastName: 'כהן', cell: '0527654321' },
    };
    const booking = await cachedSlots.book(input);
    assert.ok(cachedSlots.findBooking, "the cache keeps the adapter's findBooking");
    assert.deepEqual((await cachedSlots.findBooking({ ...input, resumed: true }))?.key, booking.key);
    await cachedSlots.cancel(booking.key);
  });

  test('hands knownTaken on as it answers: at once, not through a promise', () => {
    const knowing = { knownTaken: () => true } as unknown as Provider;
    assert.equal(withAvailabilityCache(knowing, { ttlMs, clock }).knownTaken?.({} as BookInput), true);
  });

  test('invalidate() (a webhook) makes the next question go upstream', async () => {
    await cachedSlots.bookableTimes(query());
    const before = fake.count('availability');
    cachedSlots.invalidate!();
    await cachedSlots.bookableTimes(query());
    assert.equal(fake.count('availability') - before, 1);
  });

  test('a failure is not cached', async () => {
    fake.failNext('availability', { kind: 'refuse', message: 'Temporary problem' });
    await assert.rejects(cachedSlots.bookableTimes(query()), { code: 'upstream_error' });
    assert.ok((await cachedSlots.bookableTimes(query())).length > 0);
  });
});
