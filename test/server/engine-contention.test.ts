import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database, Queryable } from '../../src/server/db/database.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { ApiFailure } from '../../src/server/errors.ts';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../src/server/providers/embedded/index.ts';
import type { Provider } from '../../src/server/providers/provider.ts';
import { bookInput, engineFixture, groupSlot, mondayClinic, type EngineFixture } from './helpers/engine.ts';

const NOW = '2026-11-30T06:00:00Z';
const onPostgres = Boolean(process.env.BOOKWELL_TEST_PG_URL);

/**
 * The database, with every booking transaction that writes an appointment held open at that write until
 * `release()`: the winner of a race is still inside its transaction while the others ask.
 */
function holdingWrites(db: Database, options: { thenFail?: boolean } = {}) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let holding = 0;
  const held: Database = {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    close: () => db.close(),
    transaction: (fn) =>
      db.transaction((tx) => {
        const slow: Queryable = {
          async query<T>(sql: string, params?: unknown[]) {
            if (/\bINSERT INTO appointments\b/.test(sql)) {
              holding++;
              await released;
              // The first held booking fails at its write (its transaction rolls back); later ones go through.
              if (options.thenFail && holding === 1) throw new Error('the write failed');
            }
            return tx.query<T>(sql, params);
          },
        };
        return fn(slow);
      }),
  };
  return { db: held, release, holding: () => holding };
}

const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'booked',
    (error: unknown) => (error instanceof ApiFailure ? error.code : String(error)),
  );

/** What the attempt answered within `ms`, or 'still waiting'. */
const within = (ms: number, attempt: Promise<string>) =>
  Promise.race([attempt, new Promise<string>((r) => setTimeout(() => r('still waiting'), ms).unref())]);

let f: EngineFixture;
before(async () => {
  f = await engineFixture(NOW);
});
after(() => f.db.close());

function engineOn(db: Database): EmbeddedEngine {
  return createEmbeddedEngine({ db, clock: f.clock, notifier: f.notifier });
}

const customer = (i: number) => ({ customer: { firstName: `C${i}`, lastName: 'X', cell: `05${String(30000000 + i)}` } });

describe(`contention on one time (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it("refuses a second customer on a one-place time while the first one's booking transaction is still open", async () => {
    const s = await groupSlot(f.engine.admin, 1);
    const hold = holdingWrites(f.db);
    const provider = engineOn(hold.db).providerFor(s.config);
    const [time] = await provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' });
    const winner = outcome(provider.book(bookInput(time!, s.yoga, customer(1))));
    while (hold.holding() === 0) await new Promise((r) => setTimeout(r, 5));
    const loser = outcome(provider.book(bookInput(time!, s.yoga, customer(2))));
    const answered = await within(2000, loser);
    hold.release();
    assert.equal(answered, 'slot_taken', 'answered while the winner still holds its transaction');
    assert.equal(await winner, 'booked');
    assert.equal(await f.engine.admin.placesLeft(s.slot.id), 0);
  });

  it('refuses at once on a group slot whose last places a running booking holds, and lets in one that still fits', async () => {
    const s = await groupSlot(f.engine.admin, 4);
    const hold = holdingWrites(f.db);
    const provider = engineOn(hold.db).providerFor(s.config);
    const [time] = await provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' });
    const family = outcome(provider.book(bookInput(time!, s.yoga, { ...customer(1), participants: 3 })));
    while (hold.holding() === 0) await new Promise((r) => setTimeout(r, 5));
    const couple = outcome(provider.book(bookInput(time!, s.yoga, { ...customer(2), participants: 2 })));
    const answered = await within(2000, couple);
    const single = outcome(provider.book(bookInput(time!, s.yoga, customer(3))));
    hold.release();
    assert.equal(answered, 'slot_taken', 'two do not fit beside the three being booked');
    assert.deepEqual([await family, await single], ['booked', 'booked']);
    assert.equal(await f.engine.admin.placesLeft(s.slot.id), 0);
  });

  it('a family larger than the places left does not get the customers behind it refused', async () => {
    const s = await groupSlot(f.engine.admin, 2);
    const provider = engineOn(f.db).providerFor(s.config);
    const [time] = await provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' });
    const family = outcome(provider.book(bookInput(time!, s.yoga, { ...customer(1), participants: 3 })));
    const singles = [2, 3].map((i) => outcome(provider.book(bookInput(time!, s.yoga, customer(i)))));
    assert.deepEqual([await family, ...(await Promise.all(singles))], ['slot_taken', 'booked', 'booked']);
  });

  it("refuses a second customer on one staff member's open time while the first booking is still open", async () => {
    const s = await mondayClinic(f.engine.admin);
    const [avi] = s.staff;
    const hold = holdingWrites(f.db);
    const provider = engineOn(hold.db).providerFor(s.config);
    const [time] = await provider.bookableTimes({ service: s.service, staff: avi, participants: 1, date: '2026-12-07' });
    const asked = { staff: avi! };
    const winner = outcome(provider.book(bookInput(time!, s.service, { ...customer(1), ...asked })));
    while (hold.holding() === 0) await new Promise((r) => setTimeout(r, 5));
    const loser = outcome(provider.book(bookInput(time!, s.service, { ...customer(2), ...asked })));
    const answered = await within(2000, loser);
    hold.release();
    assert.equal(answered, 'slot_taken');
    assert.equal(await winner, 'booked');
    assert.equal((await f.engine.admin.appointments(s.id)).length, 1);
  });

  it(
    '"any staff": an attempt that skipped a staff member another booking held does not make the next one refused',
    { skip: onPostgres ? false : 'PGlite runs one transaction at a time, so no staff row is ever skipped' },
    async () => {
      const s = await mondayClinic(f.engine.admin, ['Avi', 'Ben']);
      const [avi, ben] = s.staff as [string, string];
      const hold = holdingWrites(f.db, { thenFail: true });
      const provider = engineOn(hold.db).providerFor(s.config);
      const [time] = await provider.bookableTimes({ service: s.service, participants: 1, date: '2026-12-07' });
      const holding = (staffId: string) => ({ hold: { ...time!.hold, staffId } });
      // Ben is booked at that time, through another instance (its gate knows nothing of it).
      const other = f.engine.providerFor(s.config);
      assert.equal(await outcome(other.book(bookInput(time!, s.service, { ...customer(1), staff: ben, ...holding(ben) }))), 'booked');
      // A, for anyone, takes Avi and is held at its write; B, for anyone, finds Ben taken and skips Avi, whose row A holds.
      const a = outcome(provider.book(bookInput(time!, s.service, { ...customer(2), ...holding(avi) })));
      while (hold.holding() === 0) await new Promise((r) => setTimeout(r, 5));
      const b = await outcome(provider.book(bookInput(time!, s.service, { ...customer(3), ...holding(ben) })));
      hold.release();
      assert.deepEqual([b, await a], ['slot_taken', 'Error: the write failed']);
      // Avi is free after all: the next customer for anyone gets him, not a "nobody is free" remembered from B.
      assert.equal(await outcome(provider.book(bookInput(time!, s.service, { ...customer(4), ...holding(avi) }))), 'booked');
    },
  );

  it('a place freed by a cancel right after a refused rush is bookable at once', async () => {
    const s = await groupSlot(f.engine.admin, 2);
    const provider = f.engine.providerFor(s.config);
    const [time] = await provider.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => outcome(provider.book(bookInput(time!, s.yoga, customer(i))))));
    assert.equal(results.filter((r) => r === 'booked').length, 2);
    const first = await provider.book(bookInput(time!, s.yoga, customer(20))).catch((e: unknown) => e);
    assert.ok(first instanceof ApiFailure && first.code === 'slot_taken');
    const [booked] = (await f.engine.admin.appointments(s.id)).filter((x) => x.status === 'confirmed');
    await provider.cancel({ appointmentId: booked!.id });
    assert.equal(await outcome(provider.book(bookInput(time!, s.yoga, customer(21)))), 'booked');
  });

  it('two instances on one database, 60 customers each on a 5-place slot: exactly 5 get in', async () => {
    const s = await groupSlot(f.engine.admin, 5);
    const second = onPostgres ? await openDatabase({ url: process.env.BOOKWELL_TEST_PG_URL }) : f.db;
    try {
      const providers: Provider[] = [f.engine.providerFor(s.config), engineOn(second).providerFor(s.config)];
      const [time] = await providers[0]!.bookableTimes({ service: s.yoga, participants: 1, date: '2026-12-02' });
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, i) => outcome(providers[i % 2]!.book(bookInput(time!, s.yoga, customer(i))))),
      );
      assert.deepEqual(
        { booked: results.filter((r) => r === 'booked').length, taken: results.filter((r) => r === 'slot_taken').length },
        { booked: 5, taken: 115 },
      );
      const active = (await f.engine.admin.appointments(s.id)).filter((x) => x.status === 'confirmed');
      assert.equal(
        active.reduce((n, x) => n + x.participants, 0),
        5,
      );
    } finally {
      if (second !== f.db) await second.close();
    }
  });
});
