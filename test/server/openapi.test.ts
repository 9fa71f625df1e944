/** GET /v1/openapi.json describes every /v1 route, and the server's real answers, successes and failures, fit it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { bookingResponse, catalogResponse, timesResponse } from '../../src/contract/index.ts';
import { createApp, standardRouters } from '../../src/server/app.ts';
import { manageInit } from './helpers/manage.ts';
import { authed, goodCustomer, pageOrigin, session, testApp, type TestApp } from './server-fixture.ts';

interface Operation {
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content: Record<string, { schema: object }>; 'x-error-codes'?: string[] }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

describe('/v1/openapi.json', () => {
  let t: TestApp;
  let doc: Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });

  before(async () => {
    t = await testApp();
    const res = await t.app.request('/v1/openapi.json');
    assert.equal(res.status, 200);
    doc = (await res.json()) as Document;
    ajv.addSchema(doc.components.schemas['Error']!, '#/components/schemas/Error');
  });
  after(() => t.close());

  /** Checks one real answer against the document: its status is listed for the route, and its body fits. */
  async function fits(method: string, path: string, res: Response): Promise<unknown> {
    const op = doc.paths[path]?.[method];
    assert.ok(op, `${method} ${path} is documented`);
    const answer = op.responses[String(res.status)];
    assert.ok(answer, `${method} ${path} documents status ${res.status}`);
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    const content = answer.content[type];
    assert.ok(content, `${method} ${path} ${res.status} documents ${type}`);
    const body: unknown = type === 'application/json' ? await res.json() : await res.text();
    const schema = 'schema' in content && '$ref' in content.schema ? doc.components.schemas['Error']! : content.schema;
    const validate = ajv.compile(schema);
    assert.ok(validate(body), `${method} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
    if (answer['x-error-codes'])
      assert.ok(answer['x-error-codes'].includes((body as { error: { code: string } }).error.code), `${method} ${path} lists its code`);
    return body;
  }

  it('lists every /v1 route the server mounts, and no other', () => {
    const app = createApp(t.deps, standardRouters(t.deps));
    const mounted = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL' && !r.path.endsWith('*'))
        .map(
          (r) => `${r.method.toLowerCase()} ${r.path.replace(/^\/v1\/webhooks\/[a-z0-9-]+\//, '/v1/webhooks/:platform/').replace(/:(\w+)/g, '{$1}')}`,
        ),
    );
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)));
    assert.deepEqual([...mounted].sort(), [...documented].sort());
  });

  it('says the parameters of the availability routes and the Idempotency-Key of a booking', () => {
    const dates = doc.paths['/v1/availability/dates']!['get']!.parameters.map((p) => `${p.in}:${p.name}${p.required ? '!' : ''}`);
    assert.deepEqual(dates.sort(), ['query:branch', 'query:from!', 'query:participants', 'query:service!', 'query:staff', 'query:to!']);
    const booking = doc.paths['/v1/bookings']!['post']!;
    assert.ok(booking.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && p.required));
    assert.ok(booking.requestBody?.content['application/json']);
    assert.deepEqual(doc.paths['/v1/bookings']!['post']!.responses['409']!['x-error-codes']!.sort(), ['idempotency_in_progress', 'slot_taken']);
  });

  it('fits the answers of a whole booking: session, catalog, dates, times, book, code, confirm, manage (code, confirm), cancel, link switched off', async () => {
    t.clock.set('2026-12-01T08:00:00Z');
    const json = { 'content-type': 'application/json' };
    const started = await t.app.request('/v1/session', { method: 'POST', headers: { origin: pageOrigin, ...json }, body: '{"site":"clinic"}' });
    await fits('post', '/v1/session', started);
    const token = await session(t);
    const catalog = catalogResponse.parse(await fits('get', '/v1/catalog', await t.app.request('/v1/catalog', { headers: authed(token) })));
    const service = catalog.services[0]!.id;
    await fits(
      'get',
      '/v1/availability/dates',
      await t.app.request(`/v1/availability/dates?service=${service}&from=2026-12-02&to=2026-12-09`, { headers: authed(token) }),
    );
    const times = timesResponse.parse(
      await fits(
        'get',
        '/v1/availability/times',
        await t.app.request(`/v1/availability/times?service=${service}&date=2026-12-10`, { headers: authed(token) }),
      ),
    );
    const book = () =>
      t.app.request('/v1/bookings', {
        method: 'POST',
        headers: authed(token, pageOrigin, { ...json, 'idempotency-key': 'openapi-test-1' }),
        body: JSON.stringify({ ref: times.times[0]!.ref, customer: goodCustomer }),
      });
    const { booking } = bookingResponse.parse(await fits('post', '/v1/bookings', await book()));
    const post = (path: string, body: unknown) =>
      t.app.request(path, { method: 'POST', headers: authed(token, pageOrigin, json), body: JSON.stringify(body) });
    await fits('post', '/v1/bookings/{id}/code', await post(`/v1/bookings/${booking.id}/code`, {}));
    await fits('post', '/v1/bookings/{id}/confirm', await post(`/v1/bookings/${booking.id}/confirm`, { code: '000000' }));
    await fits('post', '/v1/bookings/{id}/confirm', await post(`/v1/bookings/${booking.id}/confirm`, { code: '123456' }));
    const manage = (init: RequestInit, path = '/v1/manage') => t.app.request(path, manageInit(booking.manage, init));
    await fits('get', '/v1/manage', await manage({ headers: { origin: pageOrigin } }));
    await fits('post', '/v1/manage/code', await manage({ method: 'POST', headers: { origin: pageOrigin } }, '/v1/manage/code'));
    const code = (body: string) => manage({ method: 'POST', headers: { origin: pageOrigin, ...json }, body }, '/v1/manage/confirm');
    await fits('post', '/v1/manage/confirm', await code('{"code":"000000"}'));
    await fits('post', '/v1/manage/confirm', await code('{"code":"12"}'));
    await fits('post', '/v1/manage/confirm', await code('{"code":"123456"}'));
    await fits('post', '/v1/manage', await manage({ method: 'POST', headers: { origin: pageOrigin, ...json }, body: '{"attendance":"yes"}' }));
    await fits('delete', '/v1/manage', await manage({ method: 'DELETE', headers: { origin: pageOrigin } }));
    await fits('post', '/v1/manage', await manage({ method: 'POST', headers: { origin: pageOrigin, ...json }, body: '{"attendance":"no"}' }));
    await fits('delete', '/v1/manage/link', await manage({ method: 'DELETE', headers: { origin: pageOrigin } }, '/v1/manage/link'));
    await fits('get', '/v1/manage', await manage({ headers: { origin: pageOrigin } }));
    await fits('get', '/v1/health', await t.app.request('/v1/health'));
  });

  it('fits the failures: each in the error shape, with a status and code the route lists', async () => {
    const json = { 'content-type': 'application/json' };
    const token = await session(t);
    await fits(
      'post',
      '/v1/session',
      await t.app.request('/v1/session', { method: 'POST', headers: { origin: 'https://evil.example', ...json }, body: '{"site":"clinic"}' }),
    );
    await fits(
      'post',
      '/v1/session',
      await t.app.request('/v1/session', { method: 'POST', headers: { origin: pageOrigin, ...json }, body: '{"site":"nope"}' }),
    );
    await fits(
      'post',
      '/v1/session',
      await t.app.request('/v1/session', { method: 'POST', headers: { origin: pageOrigin, ...json }, body: '{"site":' }),
    );
    await fits('get', '/v1/catalog', await t.app.request('/v1/catalog'));
    await fits(
      'get',
      '/v1/availability/dates',
      await t.app.request('/v1/availability/dates?service=x&from=2026-13-01&to=2026-12-09', { headers: authed(token) }),
    );
    await fits('post', '/v1/bookings', await t.app.request('/v1/bookings', { method: 'POST', headers: authed(token, pageOrigin, json), body: '{}' }));
    await fits(
      'post',
      '/v1/bookings/{id}/confirm',
      await t.app.request('/v1/bookings/bk_nothing/confirm', { method: 'POST', headers: authed(token, pageOrigin, json), body: '{"code":"123456"}' }),
    );
    await fits('get', '/v1/manage', await t.app.request('/v1/manage', manageInit('not-a-token')));
    await fits('get', '/v1/manage', await t.app.request('/v1/manage'));
  });
});
