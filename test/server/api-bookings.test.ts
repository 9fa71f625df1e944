import assert from 'node:assert/strict';
import { ApiFailure } from '../../src/server/errors.ts';
import { beforeEach, describe, it } from 'node:test';
import { bookingResponse, datesResponse, timesResponse } from '../../src/contract/index.ts';
import { appWithSession, authed, bookingCalls, goodCustomer, newKey, pageOrigin, session, testApp } from './server-fixture.ts';
import { manageInit } from './helpers/manage.ts';

describe('availability', () => {
  const s = appWithSession();
  const get = (path: string) => s.t.app.request(path, { headers: authed(s.token) });

  it('answers dates within the calendar window', async () => {
    const res = await get('/v1/availability/dates?service=group&from=2026-12-01&to=2027-01-29');
    assert.equal(res.status, 200, 'a slots calendar allows 60 days');
    assert.deepEqual(datesResponse.parse(await res.json()).dates, ['2026-12-01', '2027-01-29']);
  });

  it('refuses ranges that are too long or backwards, naming "to"', async () => {
    for (const query of ['from=2026-12-01&to=2027-01-30', 'from=2026-12-05&to=2026-12-01']) {
      const res = await get(`/v1/availability/dates?service=group&${query}`);
      assert.equal(res.status, 400, query);
      const { error } = (await res.json()) as { error: { code: string; field: string } };
      assert.deepEqual([error.code, error.field], ['invalid_field', 'to'], query);
    }
  });

  it('names the wrong query field', async () => {
    const res = await get('/v1/availability/dates?service=group&from=2026-02-30&to=2026-03-01');
    const { error } = (await res.json()) as { error: { code: string; field: string } };
    assert.deepEqual([error.code, error.field], ['invalid_field', 'from']);
    const res2 = await get('/v1/availability/times?service=group&date=2026-12-01&participants=0');
    assert.equal(((await res2.json()) as { error: { field: string } }).error.field, 'participants');
  });

  it('gives times with an opaque ref that hides the platform hold', async () => {
    const res = await get('/v1/availability/times?service=group&date=2026-12-03');
    const { times } = timesResponse.parse(await res.json());
    assert.equal(times.length, 1);
    assert.equal(times[0]!.start, '2026-12-03T09:00:00+02:00');
    assert.equal(times[0]!.placesLeft, 3);
    const ref = times[0]!.ref;
    assert.ok(!ref.includes('secret-vfib'));
    for (const part of ref.split('.')) assert.ok(!Buffer.from(part, 'base64url').toString().includes('vfib'), 'hold not readable');
  });
});

describe('POST /v1/bookings', () => {
  const s = appWithSession();
  beforeEach(() => s.t.platform.bookings.clear());

  const { timeRef, book, errorOf } = bookingCalls(s);

  it('books the time, answering a manage link in the URL fragment', async () => {
    const res = await book({ ref: await timeRef(), participants: 2, customer: goodCustomer });
    assert.equal(res.status, 201);
    const { booking } = bookingResponse.parse(await res.json());
    assert.equal(booking.status, 'confirmed');
    assert.equal(booking.participants, 2);
    assert.match(booking.id, /^bk_/);
    assert.equal(booking.manageUrl, `https://book.example/manage/?site=clinic#bookwell-manage=${booking.manage}`);
    assert.equal(s.t.platform.lastInput?.customer.cell, '0501234567', 'the cell goes to the platform in national form');
    assert.equal(s.t.platform.lastInput?.hold['vfib'], 'secret-vfib', 'the hold came back from the ref');
    assert.equal(s.t.platform.lastInput?.lang, 'en', "the site's language when the customer named none");
  });

  it('says where the confirmation went, masked, and gives a reference to quote', async () => {
    const res = await book({ ref: await timeRef('2026-12-04'), customer: { ...goodCustomer, email: 'dana@example.com' } });
    const { booking } = bookingResponse.parse(await res.json());
    assert.deepEqual(booking.sentTo, ['d•••@example.com', '05•••••567'], 'the e-mail and the mobile the customer typed');
    assert.match(booking.reference ?? '', /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'no platform code: one of ours, short enough to read out');
    const { booking: again } = bookingResponse.parse(await (await book({ ref: await timeRef('2026-12-04'), customer: goodCustomer })).json());
    assert.notEqual(again.reference, booking.reference);
    const google = new URL(booking.calendar!.google);
    const outlook = new URL(booking.calendar!.outlook);
    assert.deepEqual([google.hostname, google.searchParams.get('dates')], ['calendar.google.com', '20261204T070000Z/20261204T073000Z']);
    assert.deepEqual([outlook.hostname, outlook.searchParams.get('startdt')], ['outlook.live.com', '2026-12-04T07:00:00Z']);
    for (const link of [booking.calendar!.google, booking.calendar!.outlook]) {
      assert.ok(
        !decodeURIComponent(link).includes(booking.manage) && !link.includes('bookwell-manage'),
        'calendar pages are third parties: no manage link',
      );
    }
    const waiting = { ...[...s.t.platform.bookings.values()][0]!, status: 'pending_code' as const };
    const original = s.t.platform.book;
    s.t.platform.book = async () => waiting;
    try {
      const pending = bookingResponse.parse(await (await book({ ref: await timeRef('2026-12-05'), customer: goodCustomer })).json()).booking;
      assert.deepEqual(pending.sentTo, ['n•••@example.com'], 'the code goes to the e-mail alone');
      assert.equal(pending.calendar, undefined, 'nothing to put in a calendar before the code');
    } finally {
      s.t.platform.book = original;
    }
  });

  it('says nowhere the confirmation went when the platform sends its own', async () => {
    const sites = new Map([...s.t.deps.sites].map(([id, s]) => [id, { ...s, customerMessages: false }]));
    const quiet = await testApp({ sites });
    try {
      const tok = await session(quiet);
      const calls = bookingCalls({ t: quiet, token: tok });
      const res = await calls.book({ ref: await calls.timeRef(), customer: goodCustomer });
      const { booking } = bookingResponse.parse(await res.json());
      assert.equal(booking.sentTo, undefined);
    } finally {
      await quiet.close();
    }
  });

  it('needs an Idempotency-Key of the right form', async () => {
    const ref = await timeRef();
    let res = await book({ ref, customer: goodCustomer }, null);
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'idempotency_key_missing');
    res = await book({ ref, customer: goodCustomer }, 'short');
    assert.deepEqual(await errorOf(res), {
      code: 'invalid_field',
      field: 'Idempotency-Key',
      message: 'Idempotency-Key is 8 to 128 letters, digits, _ or -.',
    });
  });

  it('returns the first answer for a retried key and books nothing more', async () => {
    const key = newKey();
    const body = { ref: await timeRef(), customer: goodCustomer };
    const first = await book(body, key);
    const again = await book(body, key);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    const a = bookingResponse.parse(await first.json());
    const b = bookingResponse.parse(await again.json());
    assert.equal(a.booking.id, b.booking.id);
    assert.equal(s.t.platform.bookings.size, 1);
  });

  it('asks the platform for its catalog no more after bookings: a booking changes no service, staff or branch', async () => {
    assert.equal((await s.t.app.request('/v1/catalog', { headers: authed(s.token) })).status, 200);
    const asked = s.t.platform.calls.catalog;
    for (const date of ['2026-12-03', '2026-12-04', '2026-12-05'])
      assert.equal((await book({ ref: await timeRef(date), customer: goodCustomer })).status, 201);
    assert.equal((await s.t.app.request('/v1/catalog', { headers: authed(s.token) })).status, 200);
    assert.equal(s.t.platform.calls.catalog, asked, 'each booking had the catalog fetched again (on the engine: four statements)');
  });

  it('refuses the same key with another body (422)', async () => {
    const key = newKey();
    const ref = await timeRef();
    assert.equal((await book({ ref, customer: goodCustomer }, key)).status, 201);
    const res = await book({ ref, participants: 2, customer: goodCustomer }, key);
    assert.equal(res.status, 422);
    assert.equal((await errorOf(res)).code, 'idempotency_conflict');
    assert.equal(s.t.platform.bookings.size, 1);
  });

  const slowly = async <T>(ms: number, run: () => Promise<T>): Promise<T> => {
    const book = s.t.platform.book.bind(s.t.platform);
    s.t.platform.book = async (input) => {
      await new Promise((r) => setTimeout(r, ms));
      return book(input);
    };
    try {
      return await run();
    } finally {
      s.t.platform.book = book;
    }
  };

  it('gives a concurrent duplicate the first answer once it is there, booking once', async () => {
    const key = newKey();
    const body = { ref: await timeRef(), customer: goodCustomer };
    const [a, b] = await slowly(100, () => Promise.all([book(body, key), book(body, key)]));
    assert.deepEqual([a.status, b.status], [201, 201]);
    assert.equal(bookingResponse.parse(await a.json()).booking.id, bookingResponse.parse(await b.json()).booking.id);
    assert.equal(s.t.platform.bookings.size, 1);
  });

  it('answers idempotency_in_progress when the first request runs longer than a duplicate waits', async () => {
    const impatient = await testApp({ idempotencyWaitMs: 50 });
    const tok = await session(impatient);
    const calls = bookingCalls({ t: impatient, token: tok });
    const ref = await calls.timeRef();
    const key = newKey();
    const send = () => calls.book({ ref, customer: goodCustomer }, key);
    const book = impatient.platform.book.bind(impatient.platform);
    impatient.platform.book = async (input) => {
      await new Promise((r) => setTimeout(r, 300));
      return book(input);
    };
    const [a, b] = await Promise.all([send(), send()]);
    assert.deepEqual([a.status, b.status].sort(), [201, 409]);
    const loser = a.status === 409 ? a : b;
    assert.equal((await errorOf(loser)).code, 'idempotency_in_progress');
    assert.equal(loser.headers.get('retry-after'), '1');
    assert.equal(impatient.platform.bookings.size, 1);
    await impatient.close();
  });

  it('records a refused booking so a retry gets the same refusal', async () => {
    const ref = await timeRef('2026-12-04');
    assert.equal((await book({ ref, participants: 3, customer: goodCustomer })).status, 201);
    const key = newKey();
    const first = await book({ ref, participants: 1, customer: goodCustomer }, key);
    assert.equal(first.status, 409);
    assert.equal((await errorOf(first)).code, 'slot_taken');
    s.t.platform.bookings.clear(); // the place frees up, but the key already has its answer
    const again = await book({ ref, participants: 1, customer: goodCustomer }, key);
    assert.equal(again.status, 409);
    assert.equal((await errorOf(again)).code, 'slot_taken');
    assert.equal(s.t.platform.bookings.size, 0);
  });

  it('does not keep a platform outage as the answer: the retry with the same key books, telling the platform to look first', async () => {
    const ref = await timeRef('2026-12-05');
    const key = newKey();
    s.t.platform.failNext = new ApiFailure('upstream_unavailable', 'Tor4You did not answer.');
    const first = await book({ ref, participants: 1, customer: goodCustomer }, key);
    assert.equal(first.status, 503);
    assert.equal((await errorOf(first)).code, 'upstream_unavailable');
    const again = await book({ ref, participants: 1, customer: goodCustomer }, key);
    assert.equal(again.status, 201);
    assert.equal(s.t.platform.lastInput?.resumed, true, 'the platform is told the first attempt may have booked');
    assert.equal(s.t.platform.lastInput?.idempotencyKey, key);
    const third = await book({ ref, participants: 1, customer: goodCustomer }, key);
    assert.equal(third.status, 201);
    assert.equal(bookingResponse.parse(await third.json()).booking.id, bookingResponse.parse(await again.json()).booking.id);
  });

  it('checks the customer with the site rules, naming customer.<field>', async () => {
    const ref = await timeRef();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...goodCustomer, cell: '12345' }, 'customer.cell'],
      [{ ...goodCustomer, email: undefined }, 'customer.email'],
      [{ ...goodCustomer, firstName: '  ' }, 'customer.firstName'],
    ];
    for (const [customer, field] of cases) {
      const res = await book({ ref, customer });
      assert.equal(res.status, 400, field);
      assert.deepEqual({ ...(await errorOf(res)), message: '' }, { code: 'invalid_field', field, message: '' });
    }
    const res = await book({ ref, customer: { ...goodCustomer, cell: 5 } });
    assert.equal((await errorOf(res)).field, 'customer.cell', 'wrong type names the dot path');
    assert.equal(s.t.platform.bookings.size, 0);
  });

  it('refuses more participants than the service takes', async () => {
    const res = await book({ ref: await timeRef(), participants: 4, customer: goodCustomer });
    const error = await errorOf(res);
    assert.deepEqual([error.code, error.field], ['invalid_field', 'participants']);
  });

  it('refuses a tampered, foreign-site or stale ref', async () => {
    const ref = await timeRef();
    const parts = ref.split('.');
    const ciphertext = parts[3]!;
    parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1);
    let res = await book({ ref: parts.join('.'), customer: goodCustomer });
    assert.deepEqual(Object.values(await errorOf(res)).slice(0, 1), ['invalid_field']);
    const otherToken = await session(s.t, 'other', 'https://other.example');
    const otherRef = await timeRef('2026-12-03', otherToken, 'https://other.example');
    res = await book({ ref: otherRef, customer: goodCustomer });
    let error = await errorOf(res);
    assert.deepEqual([error.code, error.field], ['invalid_field', 'ref'], 'a ref of another site');
    s.t.clock.advance(31 * 60_000);
    const fresh = await session(s.t);
    res = await book({ ref, customer: goodCustomer }, newKey(), fresh);
    error = await errorOf(res);
    assert.deepEqual([error.code, error.field], ['invalid_field', 'ref'], 'a ref older than 30 minutes');
    s.token = fresh;
    assert.equal(s.t.platform.bookings.size, 0);
  });

  it('confirms a code and resends it only for bookings of the token site', async () => {
    const res = await book({ ref: await timeRef(), customer: goodCustomer });
    const { booking } = bookingResponse.parse(await res.json());
    const post = (path: string, body: unknown, tok = s.token, origin = pageOrigin) =>
      s.t.app.request(path, { method: 'POST', headers: authed(tok, origin, { 'content-type': 'application/json' }), body: JSON.stringify(body) });
    let r = await post(`/v1/bookings/${booking.id}/confirm`, { code: '000000' });
    assert.equal(r.status, 422);
    assert.equal((await errorOf(r)).code, 'code_wrong');
    r = await post(`/v1/bookings/${booking.id}/confirm`, { code: '12a' });
    assert.equal((await errorOf(r)).field, 'code');
    r = await post(`/v1/bookings/${booking.id}/confirm`, { code: '123456' });
    assert.equal(r.status, 200);
    assert.equal(bookingResponse.parse(await r.json()).booking.status, 'confirmed');
    r = await post(`/v1/bookings/${booking.id}/code`, {});
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { sentTo: string }).sentTo, '05•••••567');
    const otherToken = await session(s.t, 'other', 'https://other.example');
    r = await post(`/v1/bookings/${booking.id}/confirm`, { code: '123456' }, otherToken, 'https://other.example');
    assert.equal(r.status, 404, 'another site cannot touch it');
    r = await post('/v1/bookings/bk_doesnotexist1234/confirm', { code: '123456' });
    assert.equal((await errorOf(r)).code, 'not_found');
    const { confirmCode } = s.t.platform;
    s.t.platform.confirmCode = undefined as unknown as typeof confirmCode; // a platform without codes
    r = await post(`/v1/bookings/${booking.id}/confirm`, { code: '123456' });
    s.t.platform.confirmCode = confirmCode;
    assert.deepEqual([r.status, (await errorOf(r)).code], [409, 'booking_not_pending']);
  });

  it('logs no phone, email, name, token or manage token', async () => {
    const res = await book({ ref: await timeRef(), customer: goodCustomer });
    const { booking } = bookingResponse.parse(await res.json());
    await s.t.app.request('/v1/manage', manageInit(booking.manage));
    const logs = s.t.logs.join('\n');
    for (const secret of ['050', '1234567', 'noa@example.com', 'Noa', 'Levi', s.token, booking.manage]) {
      assert.ok(!logs.includes(secret), `logs must not contain ${secret.slice(0, 12)}`);
    }
    assert.ok(logs.includes('"route":"/v1/manage"'), 'the route pattern is logged');
    assert.ok(logs.includes('"site":"clinic"'));
  });
});

describe('the optional availability cache', () => {
  it('reuses answers briefly and drops them when a booking is made', async () => {
    const t = await testApp({ availabilityCacheMs: 60_000 });
    const token = await session(t);
    const dates = () => t.app.request('/v1/availability/dates?service=group&from=2026-12-01&to=2026-12-10', { headers: authed(token) });
    await dates();
    await dates();
    assert.equal(t.platform.calls.dates, 1);
    const { book, timeRef } = bookingCalls({ t, token });
    const booked = await book({ ref: await timeRef(), customer: goodCustomer });
    assert.equal(booked.status, 201);
    await dates();
    assert.equal(t.platform.calls.dates, 2);
    await t.close();
  });
});
