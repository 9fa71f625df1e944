/**
 * Thousands of malformed requests to every /v1 route (the app's own route table, so a new route is covered):
 * never a 5xx, every failure in the one error shape, and the server still books afterwards. Seeded, so a
 * failure names the seed that reproduces it (FUZZ_SEED); FUZZ_REQUESTS sets how many.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiError, bookingResponse, timesResponse } from '../../src/contract/index.ts';
import { createApp, standardRouters } from '../../src/server/app.ts';
import { engineApp, type EngineApp } from './helpers/engine-app.ts';
import { authed, pageOrigin } from './server-fixture.ts';

const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000);
const requests = Number(process.env['FUZZ_REQUESTS'] ?? 3000);

/** mulberry32: small, seedable, good enough to pick test inputs. */
function generator(s: number) {
  let a = s >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const nasty = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '%',
  '%zz',
  '../..',
  '..%2f',
  '\u202e',
  '😀',
  'ש',
  '\ud800',
  '<script>',
  "'; DROP TABLE x;--",
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '+010000-01-01',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  'x'.repeat(5000),
  '2026-12-03',
  '2026-12-03T09:00:00+02:00',
  'bk_' + 'a'.repeat(20),
  'eyJhbGciOiJkaXIifQ..x.y.z',
];

/** A lone surrogate cannot be percent-encoded; send the bytes a broken client would. */
const encoded = (text: string): string => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Values at the edges of what a field takes: where the audit found its 500s. */
const edges = [
  '9999-12-31',
  '2999-12-31',
  '1000-01-01',
  '0000-01-01',
  'No\u0000a',
  '\u0000',
  'a\u0007b',
  'Noa\ud800',
  'line\r\nbreak',
  '2026-12-03T09:00:00+02:00',
  '100',
  '0',
];

describe('fuzzing /v1', () => {
  let t: EngineApp;
  let app: ReturnType<typeof createApp>;
  let ref: string;
  let manage: string;
  before(async () => {
    t = await engineApp({ places: 5000, deps: { rateLimits: { perIp: 1e9, perSite: 1e9, managePerIp: 1e9 }, idempotencyWaitMs: 100 } });
    app = createApp(t.deps, standardRouters(t.deps));
    const times = await app.request(`/v1/availability/times?service=${t.service}&date=2026-12-03`, { headers: authed(t.token) });
    ref = timesResponse.parse(await times.json()).times[0]!.ref;
    const made = await app.request('/v1/bookings', {
      method: 'POST',
      headers: authed(t.token, pageOrigin, { 'content-type': 'application/json', 'idempotency-key': 'fuzz-first-booking' }),
      body: JSON.stringify({ ref, customer: { firstName: 'Noa', lastName: 'Levi', cell: '0501234567' } }),
    });
    manage = bookingResponse.parse(await made.json()).booking.manage;
  });
  after(() => t.close());

  it(`answers ${requests} malformed requests without a 5xx, in the error shape (seed ${seed})`, async () => {
    const r = generator(seed);
    const routes = app.routes.filter((route) => route.method !== 'ALL' && route.path.startsWith('/v1/'));
    assert.ok(routes.length >= 10, 'the route table is read');
    const text = () => (r.next() < 0.5 ? r.pick(nasty) : String.fromCharCode(...Array.from({ length: r.int(40) }, () => r.int(0x3000))));
    const value = (depth = 0): unknown => {
      const kind = r.int(depth > 3 ? 4 : 7);
      if (kind === 0) return text();
      if (kind === 1) return r.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, 101]);
      if (kind === 2) return r.pick([null, true, false]);
      if (kind === 3) return r.pick(['yes', 'no', 'clinic', ref, manage, '123456']);
      if (kind === 4) return Array.from({ length: r.int(4) }, () => value(depth + 1));
      const keys = [
        'ref',
        'participants',
        'customer',
        'firstName',
        'lastName',
        'cell',
        'email',
        'notes',
        'idNumber',
        'lang',
        'site',
        'code',
        'attendance',
        '__proto__',
        'constructor',
      ];
      return Object.fromEntries(Array.from({ length: r.int(6) }, () => [r.pick(keys), value(depth + 1)]));
    };
    const almostValid = () => ({
      ref: r.next() < 0.7 ? ref : text(),
      participants: r.pick([1, 2, 0, -3, '2', 'x', 1000, null]),
      customer: {
        firstName: text(),
        lastName: r.pick(['Levi', text()]),
        cell: r.pick(['0501234567', text()]),
        ...(r.next() < 0.3 ? { notes: text() } : {}),
      },
      ...(r.next() < 0.3 ? { lang: r.pick(['en', 'xx', text()]) } : {}),
    });
    const body = (): string | undefined => {
      const kind = r.int(6);
      if (kind === 0) return undefined;
      if (kind === 1) return text();
      if (kind === 2) return '{"a":' + '['.repeat(r.int(3000)) + ']';
      if (kind === 3) return JSON.stringify(almostValid()).slice(0, r.next() < 0.2 ? r.int(60) : undefined);
      return JSON.stringify(r.next() < 0.5 ? almostValid() : value());
    };
    const headerValue = () => text().replace(/[^\t\u0020-\u007e\u0080-\u00ff]/g, '');
    // Half the requests are right but for one value, so the checks behind the first one are reached too.
    const templates: Record<string, { query?: Record<string, string>; body?: Record<string, unknown> }> = {
      '/v1/availability/dates': { query: { service: t.service, from: '2026-12-01', to: '2026-12-10' } },
      '/v1/availability/times': { query: { service: t.service, date: '2026-12-03' } },
      '/v1/bookings': { body: { ref, customer: { firstName: 'Noa', lastName: 'Levi', cell: '0501234567', notes: 'hi' } } },
      '/v1/bookings/:id/confirm': { body: { code: '123456' } },
      '/v1/session': { body: { site: 'clinic' } },
    };
    const mutated = (template: Record<string, unknown>): Record<string, unknown> => {
      const copy = structuredClone(template);
      let node: Record<string, unknown> = copy;
      for (;;) {
        const key = r.pick(Object.keys(node));
        const child = node[key];
        if (child && typeof child === 'object' && r.next() < 0.7) node = child as Record<string, unknown>;
        else {
          const roll = r.next();
          node[key] = roll < 0.5 ? r.pick(edges) : roll < 0.75 ? `${String(child)}${r.pick(nasty)}` : value();
          return copy;
        }
      }
    };
    const failures: string[] = [];
    for (let i = 0; i < requests; i++) {
      const route = r.pick(routes);
      const template = templates[route.path];
      if (template && r.next() < 0.5) {
        const query = template.query ? mutated(template.query) : {};
        const search = Object.entries(query)
          .map(([k, v]) => `${k}=${encoded(String(v))}`)
          .join('&');
        const url = `${route.path}${search ? `?${search}` : ''}`;
        const sent = template.body ? JSON.stringify(mutated(template.body)) : undefined;
        const headers = authed(t.token, pageOrigin, { 'content-type': 'application/json', 'idempotency-key': `fuzz-near-${i}` });
        const res = await app.request(url, { method: route.method, headers, ...(sent === undefined ? {} : { body: sent }) });
        const answer = await res.text();
        if (res.status >= 500)
          failures.push(`${route.method} ${url.slice(0, 120)} ${sent?.slice(0, 200) ?? ''} -> ${res.status} ${answer.slice(0, 200)}`);
        else if (res.status >= 400 && !apiError.safeParse(parsed(answer)).success) failures.push(`${route.method} ${url}: not the error shape`);
        if (failures.length >= 5) break;
        continue;
      }
      const path = route.path.replace(/:[a-z]+/gi, () => encoded(r.next() < 0.3 ? r.pick([manage, 'clinic', 'bk_x']) : text()));
      const query = Array.from(
        { length: r.int(5) },
        () =>
          `${r.pick(['service', 'staff', 'branch', 'from', 'to', 'date', 'participants', text()])}=${encoded(r.next() < 0.5 ? r.pick(nasty) : String(value()))}`,
      );
      const method = r.next() < 0.8 ? route.method : r.pick(['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS']);
      const headers: Record<string, string> = {};
      if (r.next() < 0.8) headers['origin'] = r.pick([pageOrigin, 'https://evil.example', 'null', headerValue()]);
      if (r.next() < 0.7) headers['authorization'] = r.pick([`Bearer ${t.token}`, `Bearer ${headerValue()}`, headerValue(), 'Bearer']);
      if (r.next() < 0.5) headers['idempotency-key'] = r.pick([`fuzz-${i}-key`, headerValue(), 'fuzz-first-booking']);
      if (r.next() < 0.3) headers['bookwell-manage'] = r.pick([manage, headerValue()]);
      if (r.next() < 0.8) headers['content-type'] = r.pick(['application/json', 'text/plain', 'application/json; charset=utf-8', headerValue()]);
      const sent = method === 'GET' || method === 'HEAD' ? undefined : body();
      const url = `${path}${query.length ? `?${query.join('&')}` : ''}`;
      let res: Response;
      try {
        res = await app.request(url, { method, headers, ...(sent === undefined ? {} : { body: sent }) });
      } catch (error) {
        // The Request constructor itself refused it (as a real HTTP parser would): nothing reached us.
        if (error instanceof TypeError) continue;
        throw error;
      }
      const answer = await res.text();
      const what = `${method} ${url.slice(0, 120)} -> ${res.status}`;
      if (res.status >= 500) failures.push(`${what} ${answer.slice(0, 200)}`);
      else if (res.status >= 400 && method !== 'HEAD' && !apiError.safeParse(parsed(answer)).success)
        failures.push(`${what}: not the error shape: ${answer.slice(0, 200)}`);
      if (failures.length >= 5) break;
    }
    assert.deepEqual(failures, [], `seed ${seed}`);

    const health = await app.request('/v1/health');
    assert.equal(health.status, 200, 'still healthy');
    const times = await app.request(`/v1/availability/times?service=${t.service}&date=2026-12-03`, { headers: authed(t.token) });
    const fresh = timesResponse.parse(await times.json()).times[0];
    if (fresh && fresh.placesLeft !== 0) {
      const booked = await app.request('/v1/bookings', {
        method: 'POST',
        headers: authed(t.token, pageOrigin, { 'content-type': 'application/json', 'idempotency-key': 'fuzz-after-booking' }),
        body: JSON.stringify({ ref: fresh.ref, customer: { firstName: 'Dan', lastName: 'Cohen', cell: '0527654321' } }),
      });
      assert.equal(booked.status, 201, 'and still books');
    }
  });
});
