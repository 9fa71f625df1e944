/**
 * Retries with an Idempotency-Key, as Stripe promises them: replayed answers say so, refused requests store nothing,
 * a cut-off attempt is taken over promptly and its booking found first, and keys are kept a day, then pruned.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { apiError, bookingResponse, timesResponse } from '../../src/contract/index.ts';
import { keptForMs, leaseMs, pruneIdempotencyKeys, requestHash } from '../../src/server/booking/idempotency.ts';
import { bookingRequest } from '../../src/contract/index.ts';
import { engineApp, type EngineApp } from './helpers/engine-app.ts';
import { authed, pageOrigin, session } from './server-fixture.ts';

const customer = { firstName: 'Noa', lastName: 'Levi', cell: '0501234567' };
let t: EngineApp;
beforeEach(async () => (t = await engineApp({ deps: { idempotencyWaitMs: 200 } })));
afterEach(() => t.close());

async function timeRef() {
  const res = await t.app.request(`/v1/availability/times?service=${t.service}&date=2026-12-03`, { headers: authed(t.token) });
  return timesResponse.parse(await res.json()).times[0]!;
}
const book = (body: unknown, key: string) =>
  t.app.request('/v1/bookings', {
    method: 'POST',
    headers: authed(t.token, pageOrigin, { 'content-type': 'application/json', 'idempotency-key': key }),
    body: JSON.stringify(body),
  });
/** Time passes; the page asks for a new session token as the widget would. */
async function later(ms: number) {
  t.clock.advance(ms);
  t.token = await session(t);
}
const errorOf = async (res: Response) => apiError.parse(await res.json()).error;
const appointments = () => t.fx.engine.admin.appointments('clinic');

/** A claim as a process leaves it when it dies mid-booking: no answer, a lease nobody renews any more. */
async function cutOffClaim(key: string, body: unknown, leaseUntil: Date) {
  await t.db.query('INSERT INTO idempotency_keys (site_id, key, request_hash, created_at, lease_until) VALUES ($1, $2, $3, $4, $5)', [
    'clinic',
    key,
    requestHash(bookingRequest.parse(body)),
    t.clock().toISOString(),
    leaseUntil.toISOString(),
  ]);
}

describe('replays', () => {
  it('answers a retry with the stored answer and Idempotent-Replayed: true, failures like slot_taken too', async () => {
    const { ref } = await timeRef();
    const body = { ref, customer };
    const first = await book(body, 'replay-key-0001');
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null, 'the first answer is not a replay');
    const again = await book(body, 'replay-key-0001');
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await again.json(), await first.json());
    const taken = await book({ ref, customer: { ...customer, firstName: 'Dan' } }, 'replay-key-0002');
    assert.equal((await errorOf(taken)).code, 'slot_taken');
    const takenAgain = await book({ ref, customer: { ...customer, firstName: 'Dan' } }, 'replay-key-0002');
    assert.equal((await errorOf(takenAgain)).code, 'slot_taken');
    assert.equal(takenAgain.headers.get('idempotent-replayed'), 'true');
    assert.equal((await appointments()).length, 1);
  });

  it('stores nothing for a refused request: the key books once the body is right', async () => {
    const { ref } = await timeRef();
    const wrong = await book({ ref, customer: { ...customer, cell: '12' } }, 'refused-key-0001');
    assert.equal((await errorOf(wrong)).field, 'customer.cell');
    const right = await book({ ref, customer }, 'refused-key-0001');
    assert.equal(right.status, 201, "not idempotency_conflict: the refused body was never the key's answer");
    assert.equal(right.headers.get('idempotent-replayed'), null);
  });

  it('a time shown too long ago is refused, not stored: choosing it again with the same key books', async () => {
    const { ref } = await timeRef();
    await later(31 * 60_000);
    const stale = await book({ ref, customer }, 'stale-ref-key-0001');
    assert.equal((await errorOf(stale)).field, 'ref');
    const fresh = await timeRef();
    assert.equal((await book({ ref: fresh.ref, customer }, 'stale-ref-key-0001')).status, 201);
  });
});

describe('an attempt cut off by a crash', () => {
  it('a retry more than 30 minutes later finds the booking it made, instead of storing "shown too long ago"', async () => {
    const time = await timeRef();
    const body = { ref: time.ref, customer };
    const key = 'ghost-booking-key-0001';
    // The engine booked under the key, then the process died before the answer was stored.
    const [hold] = await t.fx.engine.providerFor(t.site).bookableTimes({ service: t.service, participants: 1, date: '2026-12-03' });
    await t.fx.engine.providerFor(t.site).book({
      service: t.service,
      staff: null,
      branch: null,
      start: hold!.start,
      end: hold!.end,
      hold: hold!.hold,
      participants: 1,
      customer,
      lang: 'en',
      idempotencyKey: key,
      resumed: false,
    });
    await cutOffClaim(key, body, new Date(t.clock().getTime() + leaseMs));
    await later(45 * 60_000);
    const retry = await book(body, key);
    assert.equal(retry.status, 201, await retry.clone().text());
    const { booking } = bookingResponse.parse(await retry.json());
    assert.equal(booking.start, time.start);
    assert.match(booking.manageUrl, /#bookwell-manage=/, 'the customer gets their manage link');
    assert.equal((await appointments()).length, 1, 'nothing booked twice');
    const replay = await book(body, key);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true', "and that is now the key's answer");
  });

  it('is taken over as soon as its lease lapses (seconds after a restart, not minutes)', async () => {
    const { ref } = await timeRef();
    const body = { ref, customer };
    await cutOffClaim('restart-key-0001', body, new Date(t.clock().getTime() + leaseMs));
    const whileLive = await book(body, 'restart-key-0001');
    assert.equal((await errorOf(whileLive)).code, 'idempotency_in_progress', 'a claim whose lease is renewed is left alone');
    await later(leaseMs + 1000);
    const retry = await book(body, 'restart-key-0001');
    assert.equal(retry.status, 201, await retry.clone().text());
    assert.equal((await appointments()).length, 1);
  });

  it('a resumed attempt refused after the booking was not found stays open for the next retry', async () => {
    const { ref } = await timeRef();
    const body = { ref, customer };
    await cutOffClaim('resumed-refused-0001', body, new Date(t.clock().getTime() - 1000));
    await later(31 * 60_000);
    const refused = await book(body, 'resumed-refused-0001');
    assert.equal((await errorOf(refused)).field, 'ref');
    const [row] = await t.db.query<{ status: number | null }>("SELECT status FROM idempotency_keys WHERE key = 'resumed-refused-0001'");
    assert.equal(row!.status, null, 'no final answer stored');
  });
});

describe('keeping keys', () => {
  it('keeps a key and its answer for 24 hours, then prunes it; a running claim is never pruned', async () => {
    const { ref } = await timeRef();
    assert.equal((await book({ ref, customer }, 'kept-key-0001')).status, 201);
    await later(keptForMs - 60_000);
    assert.equal(await pruneIdempotencyKeys(t.db, t.clock), 0, 'not yet a day old');
    assert.equal((await book({ ref, customer }, 'kept-key-0001')).headers.get('idempotent-replayed'), 'true');
    await cutOffClaim('running-key-0001', { ref, customer }, new Date(t.clock().getTime() + 3 * keptForMs));
    await later(2 * keptForMs);
    assert.equal(await pruneIdempotencyKeys(t.db, t.clock), 1, 'the answered key goes, the running claim stays');
    const left = await t.db.query<{ key: string }>('SELECT key FROM idempotency_keys');
    assert.deepEqual(
      left.map((r) => r.key),
      ['running-key-0001'],
    );
  });
});
