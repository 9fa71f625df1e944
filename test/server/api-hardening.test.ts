/** What the audit found at the edges of the API: limits that locked visitors out, 500s, wrong methods, proxies. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiError, timesResponse } from '../../src/contract/index.ts';
import { engineApp, type EngineApp } from './helpers/engine-app.ts';
import { authed, pageOrigin, session, testApp, type TestApp } from './server-fixture.ts';

const fromIp = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 1, remoteFamily: 'IPv4' } } });
const json = (body: unknown, headers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function errorOf(res: Response) {
  const parsed = apiError.safeParse(await res.json());
  assert.ok(parsed.success, `the ${res.status} answer has the one error shape`);
  return parsed.data.error;
}

describe('rate limits', () => {
  it('refused session calls (no or a foreign Origin) do not use up the site budget of real visitors', async () => {
    const t = await testApp({ rateLimits: { perIp: 1000, perSite: 5 } });
    for (let i = 0; i < 20; i++) {
      const noOrigin = await t.app.request('/v1/session', json({ site: 'clinic' }, {}), fromIp(`10.0.0.${i}`));
      assert.equal(noOrigin.status, 403);
      const foreign = await t.app.request('/v1/session', json({ site: 'clinic' }, { origin: 'https://evil.example' }), fromIp(`10.0.1.${i}`));
      assert.equal(foreign.status, 403);
    }
    const visitor = await t.app.request('/v1/session', json({ site: 'clinic' }, { origin: pageOrigin }), fromIp('192.0.2.1'));
    assert.equal(visitor.status, 200, 'a visitor of the site still gets a session');
    await t.close();
  });

  it('counts a catalog call and a booking call once against the per-IP limit', async () => {
    const t = await testApp({ rateLimits: { perIp: 6, perSite: 1000 } });
    const token = await session(t);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.app.request('/v1/catalog', { headers: authed(token) })).status);
    const booking = await t.app.request('/v1/bookings', json({}, authed(token, pageOrigin, { 'idempotency-key': 'key-once-counted' })));
    statuses.push(booking.status);
    // the session call was the 1st; 4 catalog calls and one booking call make 6
    assert.deepEqual(statuses, [200, 200, 200, 200, 400]);
    const seventh = await t.app.request('/v1/catalog', { headers: authed(token) });
    assert.equal(seventh.status, 429, 'the 7th call is over the limit of 6');
    await t.close();
  });
});

describe('behind a proxy', () => {
  const catalogFrom = (t: TestApp, peer: string, forwarded?: string) =>
    t.app.request('/v1/catalog', { headers: { origin: pageOrigin, ...(forwarded ? { 'x-forwarded-for': forwarded } : {}) } }, fromIp(peer));

  it('believes X-Forwarded-For only from BOOKWELL_TRUSTED_PROXIES, so each customer has their own limit', async () => {
    const t = await testApp({ rateLimits: { perIp: 2, perSite: 1000 }, trustedProxies: ['10.1.0.0/16', '::1'] });
    // Through the trusted proxy: three customers, two calls each, none throttled.
    for (const customer of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      for (let i = 0; i < 2; i++) assert.equal((await catalogFrom(t, '10.1.2.3', `${customer}, 10.1.9.9`)).status, 401, customer);
    }
    assert.equal((await catalogFrom(t, '10.1.2.3', '198.51.100.1')).status, 429, 'the same customer a third time is');
    // A forged header from outside the proxy list names nobody: the caller is its own address.
    assert.equal((await catalogFrom(t, '203.0.113.7', '198.51.100.9')).status, 401);
    assert.equal((await catalogFrom(t, '203.0.113.7', '198.51.100.10')).status, 401);
    assert.equal((await catalogFrom(t, '203.0.113.7', '198.51.100.11')).status, 429, 'a rotating forged header does not help');
    // The customer cannot pretend to be behind our proxy: the hop the trusted proxy added is the one used.
    assert.equal((await catalogFrom(t, '10.1.2.3', '198.51.100.1, 198.51.100.50')).status, 401);
    await t.close();
  });

  it('without BOOKWELL_TRUSTED_PROXIES the header is ignored', async () => {
    const t = await testApp({ rateLimits: { perIp: 1, perSite: 1000 } });
    assert.equal((await catalogFrom(t, '10.1.2.3', '198.51.100.1')).status, 401);
    assert.equal((await catalogFrom(t, '10.1.2.3', '198.51.100.2')).status, 429);
    await t.close();
  });
});

describe('methods', () => {
  let t: TestApp;
  before(async () => (t = await testApp()));
  after(() => t.close());

  it('answers a wrong method on a real route with 405 method_not_allowed and Allow, before any token check', async () => {
    for (const [method, path, allow] of [
      ['DELETE', '/v1/catalog', 'GET'],
      ['GET', '/v1/bookings', 'POST'],
      ['PUT', '/v1/session', 'POST'],
      ['POST', '/v1/availability/dates', 'GET'],
      ['GET', '/v1/bookings/bk_abcdefghijkl/confirm', 'POST'],
    ] as const) {
      const res = await t.app.request(path, { method, headers: { origin: pageOrigin } });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
      assert.equal((await errorOf(res)).code, 'method_not_allowed');
    }
    const unknown = await t.app.request('/v1/nothing', { method: 'PUT' });
    assert.equal((await errorOf(unknown)).code, 'not_found', 'a path we do not serve is still not_found');
  });
});

describe('inputs that used to crash', () => {
  let t: EngineApp;
  let token: string;
  before(async () => {
    t = await engineApp();
    token = t.token;
  });
  after(() => t.close());

  it('refuses a date in the year 9999 as a wrong field, not a 500', async () => {
    const service = t.service;
    for (const query of ['from=9999-12-31&to=9999-12-31', 'from=9999-12-30&to=9999-12-31']) {
      const res = await t.app.request(`/v1/availability/dates?service=${service}&${query}`, { headers: authed(token) });
      assert.equal(res.status, 400, query);
      assert.equal((await errorOf(res)).field, 'from');
    }
    const times = await t.app.request(`/v1/availability/times?service=${service}&date=9999-12-31`, { headers: authed(token) });
    assert.equal(times.status, 400);
  });

  it('refuses a NUL byte or half a UTF-16 pair in a name or the notes as a wrong field, and the key stays usable', async () => {
    const service = t.service;
    const day = await t.app.request(`/v1/availability/times?service=${service}&date=2026-12-03`, { headers: authed(token) });
    const { ref } = timesResponse.parse(await day.json()).times[0]!;
    const customer = { firstName: 'Noa', lastName: 'Levi', cell: '0501234567' };
    const book = (c: Record<string, string>) =>
      t.app.request('/v1/bookings', json({ ref, customer: c }, authed(token, pageOrigin, { 'idempotency-key': 'nul-byte-key' })));
    for (const [field, c] of [
      ['customer.firstName', { ...customer, firstName: 'No\u0000a' }],
      ['customer.notes', { ...customer, notes: 'first line\n\u0000' }],
      // JSON.stringify writes a lone half as the escape `\ud800`, as a client could send it.
      ['customer.firstName', { ...customer, firstName: 'Noa\ud800' }],
      ['customer.lastName', { ...customer, lastName: '\udc00Levi' }],
    ] as const) {
      const res = await book(c);
      assert.equal(res.status, 400, field);
      assert.equal((await errorOf(res)).field, field);
    }
    const good = await book({ ...customer, firstName: 'Noa 😀', notes: 'a line\nand another' });
    assert.equal(good.status, 201, 'the same key books once the text is right');
  });
});
