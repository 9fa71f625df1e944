import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bookingResponse, manageView, resendResponse, timesResponse } from '../../src/contract/index.ts';
import { escapeText, foldLine } from '../../src/server/manage/ics.ts';
import { sealManageToken } from '../../src/server/manage/token.ts';
import { deriveKeys } from '../../src/server/tokens/keys.ts';
import { authed, goodCustomer, pageOrigin, session, testApp, type TestApp } from './server-fixture.ts';
import { engineApp, type EngineApp } from './helpers/engine-app.ts';
import { manageInit } from './helpers/manage.ts';

let n = 0;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('/v1/manage', () => {
  let t: TestApp;
  before(async () => (t = await testApp()));
  after(() => t.close());

  /** Books `service` on `date` (09:00 Jerusalem) and returns its manage token. */
  const bookOn = async (date: string, service = 'group') => {
    const token = await session(t);
    const times = await t.app.request(`/v1/availability/times?service=${service}&date=${date}`, { headers: authed(token) });
    const ref = timesResponse.parse(await times.json()).times[0]!.ref;
    const res = await t.app.request('/v1/bookings', {
      method: 'POST',
      headers: authed(token, pageOrigin, { 'content-type': 'application/json', 'idempotency-key': `manage-test-${++n}` }),
      body: JSON.stringify({ ref, customer: goodCustomer }),
    });
    assert.equal(res.status, 201);
    return bookingResponse.parse(await res.json()).booking;
  };
  const manage = (token: string, init: RequestInit = {}, path = '/v1/manage') => t.app.request(path, manageInit(token, init));

  it('shows the booking with what may be done, with no session token', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const booking = await bookOn('2026-12-10');
    const res = await manage(booking.manage, { headers: { origin: pageOrigin } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), pageOrigin);
    const view = manageView.parse(await res.json());
    assert.equal(view.booking.id, booking.id);
    assert.deepEqual(view.cancel, { allowed: true });
    assert.deepEqual(view.attendance, { allowed: true });
    assert.equal(view.cancelUntil, '2026-12-09T07:00:00.000Z', '24 hours before 09:00 +02:00');
    assert.equal(view.site.name, 'Fake Clinic');
    assert.equal(view.site.address, 'Herzl 1, Tel Aviv', "where the appointment is: its branch's address");
    assert.ok(view.calendar.file.startsWith('BEGIN:VCALENDAR\r\n'), 'the calendar file itself: no download address carries the token');
    assert.equal(booking.calendar?.file, view.calendar.file, 'the booking answer carries the same file, for the result screen at once');
    assert.match(view.calendar.google, /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=Group/);
    assert.ok(view.calendar.google.includes('dates=20261210T070000Z%2F20261210T073000Z'));
    const google = decodeURIComponent(view.calendar.google);
    assert.ok(!google.includes(booking.manage) && !google.includes('bookwell-manage'), 'Google, a third party, never gets the manage link');
    const outlook = new URL(view.calendar.outlook);
    assert.equal(outlook.origin + outlook.pathname, 'https://outlook.live.com/calendar/0/deeplink/compose');
    assert.deepEqual([outlook.searchParams.get('startdt'), outlook.searchParams.get('enddt')], ['2026-12-10T07:00:00Z', '2026-12-10T07:30:00Z']);
    assert.ok(
      !view.calendar.outlook.includes(booking.manage) && !decodeURIComponent(view.calendar.outlook).includes('bookwell-manage'),
      'nor does Outlook',
    );
  });

  it('keeps platform ids out of the token and refuses a tampered one', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const booking = await bookOn('2026-12-11');
    for (const part of booking.manage.split('.')) assert.ok(!Buffer.from(part, 'base64url').toString().includes('c0nf'));
    const parts = booking.manage.split('.');
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1);
    let res = await manage(parts.join('.'));
    assert.equal(res.status, 400);
    assert.equal(await errorOf(res), 'manage_token_invalid');
    res = await manage('not-a-token');
    assert.equal(await errorOf(res), 'manage_token_invalid');
    const foreign = await sealManageToken(deriveKeys('some-other-secret-some-other-secret-xx').manage, {
      site: 'clinic',
      key: { id: '1', conf: 'c0nf' },
      bookingId: 'bk_x',
      end: '2027-01-01T00:00:00Z',
    });
    assert.equal(await errorOf(await manage(foreign)), 'manage_token_invalid', 'sealed with another key');
  });

  it('stops working after the appointment ends', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const booking = await bookOn('2026-12-12');
    t.clock.set('2026-12-12T07:31:00Z');
    const res = await manage(booking.manage);
    assert.equal(res.status, 410);
    assert.equal(await errorOf(res), 'manage_link_expired');
  });

  it('refuses calls from pages of other origins', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const booking = await bookOn('2026-12-13');
    const res = await manage(booking.manage, { headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 403);
    assert.equal(await errorOf(res), 'origin_not_allowed');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const otherSite = await manage(booking.manage, { method: 'DELETE', headers: { origin: 'https://other.example' } });
    assert.equal(otherSite.status, 403, "a page of another site we serve cannot cancel this site's booking");
    const ownPage = await manage(booking.manage, { headers: { origin: 'https://book.example' } });
    assert.equal(ownPage.status, 200, 'the backend manage page can');
  });

  it('answers attendance, and cancels only while the rules allow', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const booking = await bookOn('2026-12-14');
    const post = await manage(booking.manage, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"attendance":"yes"}' });
    assert.equal(post.status, 200);
    assert.equal(manageView.parse(await post.json()).booking.attendance, 'yes');
    const bad = await manage(booking.manage, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"attendance":"maybe"}' });
    assert.equal(await errorOf(bad), 'invalid_field');

    t.clock.set('2026-12-13T08:00:00Z'); // 23 hours before: inside the 24 h notice
    let view = manageView.parse(await (await manage(booking.manage)).json());
    assert.deepEqual(view.cancel, { allowed: false, reason: 'too_late' });
    let del = await manage(booking.manage, { method: 'DELETE' });
    assert.equal(del.status, 409);
    assert.equal(await errorOf(del), 'cancel_not_allowed');

    t.clock.set('2026-12-12T06:59:00Z');
    del = await manage(booking.manage, { method: 'DELETE' });
    assert.equal(del.status, 200);
    view = manageView.parse(await del.json());
    assert.equal(view.booking.status, 'cancelled');
    assert.deepEqual(view.cancel, { allowed: false, reason: 'cancelled' });
    assert.deepEqual(view.attendance, { allowed: false, reason: 'cancelled' });
    // The link still shows the cancelled appointment, and changes nothing more.
    del = await manage(booking.manage, { method: 'DELETE' });
    assert.deepEqual([del.status, await errorOf(del)], [409, 'booking_cancelled']);
    const att = await manage(booking.manage, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"attendance":"no"}' });
    assert.deepEqual([att.status, await errorOf(att)], [409, 'booking_cancelled']);
    assert.equal(manageView.parse(await (await manage(booking.manage)).json()).booking.status, 'cancelled');
  });

  it('says why: a service customers may not cancel, a started appointment', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const fixed = await bookOn('2026-12-15', 'fixed');
    let view = manageView.parse(await (await manage(fixed.manage)).json());
    assert.deepEqual(view.cancel, { allowed: false, reason: 'service_not_cancellable' });
    assert.equal(view.cancelUntil, null);
    t.clock.set('2026-12-15T07:10:00Z');
    view = manageView.parse(await (await manage(fixed.manage)).json());
    assert.deepEqual(view.cancel, { allowed: false, reason: 'past' });
    assert.deepEqual(view.attendance, { allowed: false, reason: 'past' });
  });

  it('takes the token from the Authorization header only, never from the address', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const booking = await bookOn('2026-12-17');
    const inPath = await t.app.request(`/v1/manage/${booking.manage}`, { headers: { origin: pageOrigin } });
    assert.equal(inPath.status, 404);
    const inQuery = await t.app.request(`/v1/manage?manage=${booking.manage}`, { headers: { origin: pageOrigin } });
    assert.deepEqual([inQuery.status, await errorOf(inQuery)], [400, 'manage_token_invalid']);
    const otherScheme = await t.app.request('/v1/manage', { headers: { authorization: `Bearer ${booking.manage}` } });
    assert.deepEqual([otherScheme.status, await errorOf(otherScheme)], [400, 'manage_token_invalid']);
    const ok = await t.app.request('/v1/manage', { headers: { authorization: `bookwell-manage  ${booking.manage}` } });
    assert.equal(ok.status, 200, 'the scheme is case-insensitive, as RFC 9110 says');
    assert.ok(!t.logs.join('\n').includes(booking.manage.slice(-40)), 'the request log never holds the token');
  });

  it('lets the customer switch a link off: from then on every call with it is refused', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const booking = await bookOn('2026-12-18');
    const other = await bookOn('2026-12-18');
    assert.equal((await manage(booking.manage, { method: 'DELETE' })).status, 200);
    const off = await manage(booking.manage, { method: 'DELETE', headers: { origin: 'https://evil.example' } }, '/v1/manage/link');
    assert.equal(off.status, 403, 'switched off only from the site or our own page');
    const revoked = await manage(booking.manage, { method: 'DELETE', headers: { origin: pageOrigin } }, '/v1/manage/link');
    assert.equal(revoked.status, 200);
    assert.deepEqual(await revoked.json(), { revoked: true });
    for (const init of [
      {},
      { method: 'DELETE' },
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"attendance":"yes"}' },
    ]) {
      const res = await manage(booking.manage, init);
      assert.deepEqual([res.status, await errorOf(res)], [410, 'manage_link_revoked'], `${init.method ?? 'GET'} after the link is off`);
    }
    const again = await manage(booking.manage, { method: 'DELETE' }, '/v1/manage/link');
    assert.equal(await errorOf(again), 'manage_link_revoked');
    assert.equal((await manage(other.manage)).status, 200, "another booking's link still works");
  });

  it('carries an RFC 5545 calendar file in the view', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const booking = await bookOn('2026-12-16');
    const res = await manage(booking.manage);
    assert.equal(res.status, 200);
    const text = manageView.parse(await res.json()).calendar.file;
    assert.ok(text.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    const physical = text.split('\r\n').slice(0, -1);
    for (const line of physical) assert.ok(Buffer.byteLength(line) <= 75, `line over 75 octets: ${line}`);
    const lines = text.replace(/\r\n /g, '').split('\r\n');
    const value = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(value('VERSION'), '2.0');
    assert.ok(value('PRODID'));
    assert.ok(lines.includes('BEGIN:VEVENT') && lines.includes('END:VEVENT') && lines.at(-2) === 'END:VCALENDAR');
    assert.equal(value('UID'), `${booking.id}@book.example`);
    assert.equal(value('DTSTAMP'), '20261201T080000Z');
    assert.equal(value('DTSTART'), '20261216T070000Z');
    assert.equal(value('DTEND'), '20261216T073000Z');
    assert.equal(value('SUMMARY'), 'Group class – Fake Clinic');
    assert.equal(value('LOCATION'), 'Main\\, Herzl 1\\, Tel Aviv');
    assert.equal(value('DESCRIPTION'), 'With Dana. To change or cancel\\, use the link in your booking confirmation.');
    assert.ok(!text.includes(booking.manage) && !text.includes('bookwell-manage'), 'a calendar file is shared and synced: no manage link in it');
  });

  it('escapes text and folds long lines without splitting a character', () => {
    assert.equal(escapeText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
    const folded = foldLine('SUMMARY:' + 'שלום'.repeat(30));
    for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75);
    assert.equal(folded.replace(/\r\n /g, ''), 'SUMMARY:' + 'שלום'.repeat(30));
  });
});

describe('/v1/manage of a booking waiting for its code (real engine)', () => {
  let t: EngineApp;
  before(async () => (t = await engineApp({ site: { confirmation: 'code' } })));
  after(() => t.close());

  const json = { 'content-type': 'application/json' };
  const manage = (token: string, init: RequestInit = {}, path = '/v1/manage') =>
    t.app.request(path, manageInit(token, { ...init, headers: { origin: pageOrigin, ...(init.headers as Record<string, string>) } }));
  const confirm = (token: string, code: string) =>
    manage(token, { method: 'POST', headers: json, body: JSON.stringify({ code }) }, '/v1/manage/confirm');

  it('confirms with the code through the link alone, sends it again, and tells the customer once confirmed', async () => {
    const times = await t.app.request(`/v1/availability/times?service=${t.service}&date=2026-12-03`, { headers: authed(t.token) });
    const ref = timesResponse.parse(await times.json()).times[0]!.ref;
    const made = await t.app.request('/v1/bookings', {
      method: 'POST',
      headers: authed(t.token, pageOrigin, { ...json, 'idempotency-key': 'manage-code-1' }),
      body: JSON.stringify({ ref, customer: { firstName: 'Noa', lastName: 'Levi', cell: '0501234567', email: 'noa@example.com' } }),
    });
    const booking = bookingResponse.parse(await made.json()).booking;
    assert.equal(booking.status, 'pending_code');
    const first = t.fx.notifier.lastCode();
    let view = manageView.parse(await (await manage(booking.manage)).json());
    assert.equal(view.booking.status, 'pending_code');
    assert.deepEqual(view.cancel, { allowed: false, reason: 'pending' });

    const tooSoon = await manage(booking.manage, { method: 'POST' }, '/v1/manage/code');
    assert.deepEqual([tooSoon.status, await errorOf(tooSoon)], [429, 'code_resend_too_soon'], 'a minute between codes');
    t.clock.advance(61_000);
    const again = await manage(booking.manage, { method: 'POST' }, '/v1/manage/code');
    assert.equal(again.status, 200);
    assert.equal(resendResponse.parse(await again.json()).sentTo, 'n•••@example.com');
    const second = t.fx.notifier.lastCode();
    assert.notEqual(second, first, 'a new code');

    const short = await confirm(booking.manage, '12');
    assert.deepEqual([short.status, await errorOf(short)], [400, 'invalid_field']);
    const old = await confirm(booking.manage, first);
    assert.deepEqual([old.status, await errorOf(old)], [422, 'code_wrong'], 'the code sent before no longer works');
    const foreign = await t.app.request(
      '/v1/manage/confirm',
      manageInit(booking.manage, { method: 'POST', headers: { origin: 'https://evil.example', ...json }, body: JSON.stringify({ code: second }) }),
    );
    assert.deepEqual([foreign.status, await errorOf(foreign)], [403, 'origin_not_allowed']);
    const noLink = await t.app.request('/v1/manage/confirm', {
      method: 'POST',
      headers: { origin: pageOrigin, ...json },
      body: JSON.stringify({ code: second }),
    });
    assert.deepEqual([noLink.status, await errorOf(noLink)], [400, 'manage_token_invalid']);

    const ok = await confirm(booking.manage, second);
    assert.equal(ok.status, 200);
    view = manageView.parse(await ok.json());
    assert.equal(view.booking.status, 'confirmed');
    assert.deepEqual(view.attendance, { allowed: true }, 'now "are you coming?" may be answered');
    assert.equal(manageView.parse(await (await manage(booking.manage)).json()).booking.status, 'confirmed');
    const jobs = await t.db.query<{ kind: string; channel: string }>(
      'SELECT kind, channel FROM message_jobs WHERE booking_id = $1 ORDER BY kind, channel',
      [booking.id],
    );
    assert.deepEqual(
      jobs.map((j) => `${j.kind}:${j.channel}`),
      ['booked:email', 'booked:sms', 'reminder:email', 'reminder:sms'],
      'the booking message (with its manage link) and the reminder, as when confirmed in the flow',
    );
    const retried = await confirm(booking.manage, second);
    assert.equal(retried.status, 200, 'a retry whose first answer was lost is no failure');
    const late = await manage(booking.manage, { method: 'POST' }, '/v1/manage/code');
    assert.deepEqual([late.status, await errorOf(late)], [409, 'booking_not_pending']);
  });
});
