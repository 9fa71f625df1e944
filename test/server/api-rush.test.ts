/**
 * Many customers on one time through the booking route: the places go to exactly as many as there are, every other
 * customer is told slot_taken, and those who cannot get in are held back before their request does any work of its
 * own (they do not each claim their Idempotency-Key in front of the first booking), then refused with one statement.
 */
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { apiError, timesResponse } from '../../src/contract/index.ts';
import type { Database } from '../../src/server/db/database.ts';
import { engineApp, type EngineApp } from './helpers/engine-app.ts';
import { authed, pageOrigin } from './server-fixture.ts';

let t: EngineApp;
afterEach(() => t.close());

/** Counts the routes' Idempotency-Key claims: the insert that starts an attempt's own work (it carries a lease). */
function countingClaims(db: Database) {
  const seen = { claims: 0 };
  const counted: Database = {
    kind: db.kind,
    query: (sql, params) => {
      if (/INSERT INTO idempotency_keys[^)]*lease_until/.test(sql)) seen.claims++;
      return db.query(sql, params);
    },
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { counted, seen };
}

it('40 customers at once on a 3-place slot: 3 booked, 37 told slot_taken, and only a few of them did any work', async () => {
  let seen!: { claims: number };
  t = await engineApp({
    places: 3,
    // Decided by the attempts ahead, not by the clock: on a slow machine the first booking may take over a second.
    arrivalWaitMs: 60_000,
    routeDb: (db) => {
      const watched = countingClaims(db);
      seen = watched.seen;
      return watched.counted;
    },
  });
  const times = await t.app.request(`/v1/availability/times?service=${t.service}&date=2026-12-03`, { headers: authed(t.token) });
  const [time] = timesResponse.parse(await times.json()).times;
  const book = (i: number) =>
    t.app.request('/v1/bookings', {
      method: 'POST',
      headers: authed(t.token, pageOrigin, { 'content-type': 'application/json', 'idempotency-key': `rush-key-${i}` }),
      body: JSON.stringify({ ref: time!.ref, customer: { firstName: `C${i}`, lastName: 'Rush', cell: `05${String(20_000_000 + i)}` } }),
    });
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => book(i)));
  const statuses = answers.map((a) => a.status);
  assert.equal(statuses.filter((s) => s === 201).length, 3);
  const refused = answers.filter((a) => a.status === 409);
  assert.equal(refused.length, 37);
  for (const answer of refused) assert.equal(apiError.parse(await answer.json()).error.code, 'slot_taken');
  // Without the gate on arrival every one of the 40 claims its key (and takes the caps' statement) before the
  // first booking has read the slot; here the others wait for it in memory.
  assert.ok(seen.claims < 10, `${seen.claims} of 40 attempts claimed their key`);
  const retry = await book(statuses.indexOf(409));
  assert.equal(retry.status, 409, 'a refused customer retrying with their key gets the same answer');
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  const booked = (await t.fx.engine.admin.appointments('clinic')).filter((a) => a.status === 'confirmed');
  assert.equal(booked.length, 3);
});
