import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { apiError, sessionResponse } from '../../src/contract/index.ts';
import { ApiFailure } from '../../src/server/errors.ts';
import { deriveKeys } from '../../src/server/tokens/keys.ts';
import { originHash } from '../../src/server/tokens/session.ts';
import { authed, pageOrigin, publicUrl, session, testApp, type TestApp } from './server-fixture.ts';

const json = (body: unknown, origin = pageOrigin) => ({
  method: 'POST',
  headers: { origin, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function errorOf(res: Response) {
  const parsed = apiError.safeParse(await res.json());
  assert.ok(parsed.success, 'the error has the one error shape');
  return parsed.data.error;
}

describe('POST /v1/session', () => {
  let t: TestApp;
  before(async () => (t = await testApp({ tokenTtlSeconds: 60 })));
  after(() => t.close());

  it('gives a page on a listed origin a token and the site it books for', async () => {
    const res = await t.app.request('/v1/session', json({ site: 'clinic' }));
    assert.equal(res.status, 200);
    const body = sessionResponse.parse(await res.json());
    assert.equal(body.site.name, 'Fake Clinic');
    assert.equal(body.site.calendar, 'slots');
    assert.equal(body.site.confirmation, 'code');
    assert.equal(body.site.phone, '03-1234567');
    assert.equal(Date.parse(body.expiresAt) - t.clock().getTime(), 60_000);
    const [header] = body.token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), { alg: 'HS256', typ: 'bookwell-session+jwt' });
    assert.equal(res.headers.get('access-control-allow-origin'), pageOrigin);
  });

  it('carries the catalog, the same as GET /v1/catalog answers, when asked for it, and only then', async () => {
    const res = await t.app.request('/v1/session', json({ site: 'clinic', catalog: true }));
    assert.equal(res.status, 200);
    const body = sessionResponse.parse(await res.json());
    const alone = await t.app.request('/v1/catalog', { headers: { authorization: `Bearer ${body.token}`, origin: pageOrigin } });
    assert.ok(body.catalog && body.catalog.services.length > 0, 'the session answer has the services');
    assert.deepEqual(body.catalog, await alone.json());
    const plain = sessionResponse.parse(await (await t.app.request('/v1/session', json({ site: 'clinic' }))).json());
    assert.equal(plain.catalog, undefined, 'a renewal or the manage view is not sent the catalog');
  });

  it("names the business's address: the platform's, else the site config's; the platform's phone comes first", async () => {
    const withContact = async (contact: object, site: object) => {
      const sites = new Map([...t.deps.sites].map(([id, s]) => [id, { ...s, contact }]));
      const platform = { ...t.platform, site: async () => ({ calendar: 'slots' as const, ...site }) } as unknown as typeof t.platform;
      const other = await testApp({ sites, providers: new Map([...sites.keys()].map((id) => [id, platform])) });
      try {
        return sessionResponse.parse(await (await other.app.request('/v1/session', json({ site: 'clinic' }))).json()).site;
      } finally {
        await other.close();
      }
    };
    const fromConfig = await withContact({ address: 'Herzl 1, Tel Aviv', phone: '03-7654321' }, { name: 'Silent platform' });
    assert.deepEqual([fromConfig.address, fromConfig.phone], ['Herzl 1, Tel Aviv', '03-7654321']);
    const fromPlatform = await withContact(
      { address: 'Herzl 1, Tel Aviv', phone: '03-7654321' },
      { name: 'P', address: 'Dizengoff 5', phone: '03-1111111' },
    );
    assert.deepEqual([fromPlatform.address, fromPlatform.phone], ['Dizengoff 5', '03-1111111']);
    assert.equal((await withContact({}, { name: 'Nothing' })).address, undefined);
  });

  it('refuses a page on another origin, and unknown sites', async () => {
    let res = await t.app.request('/v1/session', json({ site: 'clinic' }, 'https://evil.example'));
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).code, 'origin_not_allowed');
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://evil.example', 'the page may read the refusal, so the widget says why');
    res = await t.app.request('/v1/session', json({ site: 'other' }));
    assert.equal((await errorOf(res)).code, 'origin_not_allowed', 'a listed origin of one site gets nothing for another');
    res = await t.app.request('/v1/session', json({ site: 'nope' }));
    assert.equal(res.status, 404);
    assert.equal((await errorOf(res)).code, 'unknown_site');
    res = await t.app.request('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"site":"clinic"}' });
    assert.equal((await errorOf(res)).code, 'origin_not_allowed', 'no Origin at all');
  });

  it('passes a platform outage on as upstream_unavailable and asks again next time', async () => {
    const fresh = await testApp();
    const site = fresh.platform.site.bind(fresh.platform);
    fresh.platform.site = async () => {
      throw new ApiFailure('upstream_unavailable', 'The booking platform does not answer.');
    };
    const res = await fresh.app.request('/v1/session', json({ site: 'clinic' }));
    assert.equal(res.status, 503);
    assert.equal((await errorOf(res)).code, 'upstream_unavailable');
    fresh.platform.site = site;
    assert.equal((await fresh.app.request('/v1/session', json({ site: 'clinic' }))).status, 200);
    await fresh.close();
  });

  it('lets the backend own pages (embed iframe) ask too', async () => {
    const res = await t.app.request('/v1/session', json({ site: 'other' }, publicUrl));
    assert.equal(res.status, 200);
  });

  it('answers bad input with invalid_request / invalid_field', async () => {
    let res = await t.app.request('/v1/session', {
      method: 'POST',
      headers: { origin: pageOrigin, 'content-type': 'application/json' },
      body: '{bad',
    });
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'invalid_request');
    res = await t.app.request('/v1/session', { method: 'POST', headers: { origin: pageOrigin, 'content-type': 'text/plain' }, body: '{}' });
    assert.equal((await errorOf(res)).code, 'invalid_request');
    res = await t.app.request('/v1/session', json({ site: 'Bad Site!' }));
    const error = await errorOf(res);
    assert.equal(error.code, 'invalid_field');
    assert.equal(error.field, 'site');
    res = await t.app.request('/v1/session', json({ site: 'x'.repeat(40_000) }));
    assert.equal(res.status, 413);
    assert.equal((await errorOf(res)).code, 'payload_too_large');
  });
});

describe('session tokens on /v1 calls', () => {
  let t: TestApp;
  before(async () => (t = await testApp({ tokenTtlSeconds: 60 })));
  after(() => t.close());
  const keys = deriveKeys('a-test-secret-that-is-long-enough-1234567890');

  const forge = (claims: Record<string, unknown>, header: Record<string, unknown> = {}, key = keys.session) =>
    new SignJWT({ org: originHash(pageOrigin), ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'bookwell-session+jwt', ...header })
      .setIssuer('bookwell')
      .setAudience((claims['aud'] as string | undefined) ?? 'clinic')
      .setIssuedAt(Math.floor(t.clock().getTime() / 1000))
      .setExpirationTime(Math.floor(t.clock().getTime() / 1000) + 60)
      .sign(key);

  const catalog = (token: string, origin = pageOrigin) => t.app.request('/v1/catalog', { headers: authed(token, origin) });

  it('serves the catalog with a good token, without the backend-only rules', async () => {
    const res = await catalog(await session(t));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { services: Record<string, unknown>[] };
    assert.equal(body.services.length, 2);
    assert.ok(!('customerCanCancel' in body.services[0]!));
    assert.ok(!('cancelNoticeMinutes' in body.services[0]!));
  });

  it('refuses a missing, malformed, forged, wrong-audience, wrong-typ or other-origin token', async () => {
    let res = await t.app.request('/v1/catalog', { headers: { origin: pageOrigin } });
    assert.equal(res.status, 401);
    assert.equal((await errorOf(res)).code, 'token_missing');
    res = await t.app.request('/v1/catalog', { headers: { origin: pageOrigin, authorization: 'Basic abc' } });
    assert.equal((await errorOf(res)).code, 'token_invalid');
    const cases = {
      forged: await forge({}, {}, deriveKeys('another-secret-another-secret-another-secret').session),
      wrongAudience: await forge({ aud: 'not-a-site' }),
      wrongTyp: await forge({}, { typ: 'JWT' }),
      noOrigin: await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'bookwell-session+jwt' })
        .setIssuer('bookwell')
        .setAudience('clinic')
        .setExpirationTime('1h')
        .sign(keys.session),
    };
    for (const [name, token] of Object.entries(cases)) {
      res = await catalog(token);
      assert.equal(res.status, 401, name);
      assert.equal((await errorOf(res)).code, 'token_invalid', name);
    }
    const good = await session(t);
    res = await catalog(good, 'https://evil.example');
    assert.equal((await errorOf(res)).code, 'token_invalid', 'same token from another origin');
    res = await catalog(good.slice(0, -3) + (good.endsWith('AAA') ? 'BBB' : 'AAA'));
    assert.equal((await errorOf(res)).code, 'token_invalid', 'changed signature');
    const [h, p, s] = good.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.aud = 'other';
    res = await catalog(`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`);
    assert.equal((await errorOf(res)).code, 'token_invalid', 'changed audience');
  });

  it('says token_expired once the token is older than its lifetime', async () => {
    const token = await session(t);
    t.clock.advance(61_000);
    const res = await catalog(token);
    assert.equal(res.status, 401);
    assert.equal((await errorOf(res)).code, 'token_expired');
  });

  it('never lets a token live longer than 15 minutes', async () => {
    const long = await testApp({ tokenTtlSeconds: 86_400 });
    const res = await long.app.request('/v1/session', json({ site: 'clinic' }));
    const body = sessionResponse.parse(await res.json());
    assert.equal(Date.parse(body.expiresAt) - long.clock().getTime(), 900_000);
    await long.close();
  });
});

describe('the HTTP surface', () => {
  let t: TestApp;
  before(async () => (t = await testApp({ rateLimits: { perIp: 5, perSite: 1000, managePerIp: 3 } })));
  after(() => t.close());

  it('answers preflight for listed origins only, allowing our headers', async () => {
    const preflight = (origin: string) =>
      t.app.request('/v1/bookings', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key,content-type' },
      });
    let res = await preflight(pageOrigin);
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), pageOrigin);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'idempotency-key', 'content-type']) assert.ok(allowed.includes(h), h);
    res = await preflight('https://evil.example');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    res = await preflight(publicUrl);
    assert.equal(res.headers.get('access-control-allow-origin'), publicUrl);
  });

  it('takes a same-origin call without Origin as coming from the name the page used, as its session did', async () => {
    // A page of the backend reached under another of its names (the demo on localhost instead of 127.0.0.1).
    const token = await session(t, 'clinic', pageOrigin);
    const headers = { authorization: `Bearer ${token}`, 'sec-fetch-site': 'same-origin', host: new URL(pageOrigin).host };
    assert.equal((await t.app.request('/v1/catalog', { headers })).status, 200);
    const elsewhere = await t.app.request('/v1/catalog', { headers: { ...headers, host: 'other.example' } });
    assert.equal(elsewhere.status, 401, 'a token bound to one name is refused under another');
  });

  it('lets any page ask for a session and read the answer, which holds a token only for a listed origin', async () => {
    const unlisted = 'http://localhost:9999';
    const preflight = await t.app.request('/v1/session', {
      method: 'OPTIONS',
      headers: { origin: unlisted, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), unlisted);
    const refused = await t.app.request('/v1/session', {
      method: 'POST',
      headers: { origin: unlisted, 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'clinic' }),
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), unlisted);
    const body = (await refused.json()) as Record<string, unknown>;
    assert.equal(apiError.parse(body).error.code, 'origin_not_allowed');
    assert.equal('token' in body, false);
    const catalog = await t.app.request('/v1/catalog', { method: 'OPTIONS', headers: { origin: unlisted, 'access-control-request-method': 'GET' } });
    assert.equal(catalog.headers.get('access-control-allow-origin'), null, 'the rest of /v1 stays closed to unlisted pages');
  });

  it('puts security headers on every answer, errors included', async () => {
    for (const path of ['/v1/health', '/v1/nothing', '/v1/catalog']) {
      const res = await t.app.request(path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'none'/, path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
    }
  });

  it('answers unknown routes with not_found in the error shape', async () => {
    const res = await t.app.request('/v1/nothing');
    assert.equal(res.status, 404);
    assert.equal((await errorOf(res)).code, 'not_found');
  });

  it('limits calls per client IP with 429 and Retry-After', async () => {
    const ip = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 1, remoteFamily: 'IPv4' } } });
    const codes: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await t.app.request('/v1/catalog', { headers: { origin: pageOrigin } }, ip('10.0.0.1'));
      codes.push(last.status);
    }
    assert.deepEqual(codes, [401, 401, 401, 401, 401, 429, 429]);
    assert.equal((await errorOf(last!)).code, 'rate_limited');
    const retryAfter = Number(last!.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const other = await t.app.request('/v1/catalog', { headers: { origin: pageOrigin } }, ip('10.0.0.2'));
    assert.equal(other.status, 401, 'another client is not throttled');
    t.clock.advance(61_000);
    const later = await t.app.request('/v1/catalog', { headers: { origin: pageOrigin } }, ip('10.0.0.1'));
    assert.equal(later.status, 401, 'the limit lifts after the window');
  });

  it('limits calls per site across clients', async () => {
    const s = await testApp({ rateLimits: { perIp: 1000, perSite: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await s.app.request('/v1/session', json({ site: 'clinic' }))).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    await s.close();
  });
});

describe('the error handler', () => {
  it('turns an unexpected exception into internal with no details, and logs no secret', async () => {
    const t = await testApp();
    const token = await session(t);
    t.platform.catalog = async () => {
      throw new Error('connection to db at postgres://admin:hunter2@db failed for 0501234567');
    };
    const res = await t.app.request('/v1/catalog', { headers: authed(token) });
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text).error.code, 'internal');
    assert.ok(!text.includes('hunter2') && !text.includes('at ') && !text.includes('0501234567'));
    const logs = t.logs.join('\n');
    assert.ok(!logs.includes('hunter2') && !logs.includes('0501234567'));
    assert.ok(logs.includes('"route":"/v1/catalog"'));
    await t.close();
  });
});
