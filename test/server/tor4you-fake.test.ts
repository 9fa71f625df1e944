import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signature } from '../../src/server/providers/tor4you/client.ts';
import { toTorDateTime } from '../../src/server/providers/tor4you/time.ts';
import { startTor4YouFake, type Tor4YouFake } from '../fakes/tor4you/server.ts';

/** The fake must refuse what the real Tor4You would, or the adapter's tests prove nothing. */

let fake: Tor4YouFake;
before(async () => {
  fake = await startTor4YouFake();
});
after(() => fake.close());

type Answer = { status: string | number; message?: string } & Record<string, unknown>;

async function call(
  apicall: string,
  params: Record<string, string>,
  options: { method?: string; torkey?: string | null; signed?: { dt?: string; secret?: string } } = {},
): Promise<Answer> {
  const url = new URL(apicall, fake.url);
  const headers: Record<string, string> = {};
  if (options.signed) {
    const { siteId, key, secret } = fake.open.credentials;
    const dt = options.signed.dt ?? toTorDateTime(new Date(), 'Asia/Jerusalem');
    url.search = new URLSearchParams({
      siteid: siteId,
      key,
      dt,
      sh: signature(siteId, key, dt, apicall, options.signed.secret ?? secret),
    }).toString();
  } else if (options.torkey !== null) {
    headers['torkey'] = options.torkey ?? fake.slots.credentials.torkey;
  }
  const method = options.method ?? 'GET';
  if (method === 'GET') for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method,
    headers: method === 'POST' ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
    ...(method === 'POST' ? { body: new URLSearchParams(params).toString() } : {}),
  });
  return (await res.json()) as Answer;
}

const refused = (answer: Answer, message: RegExp) => {
  assert.equal(String(answer.status), '0');
  assert.match(answer.message ?? '', message);
};

describe('the Tor4You fake is strict', () => {
  test('it checks the torkey, the signature and how old dt is', async () => {
    assert.equal(String((await call('siteinfo', {})).status), '1');
    refused(await call('siteinfo', {}, { torkey: 'wrong' }), /Bad credentials/);
    refused(await call('siteinfo', {}, { torkey: null }), /Bad credentials/);
    assert.equal(String((await call('siteinfo', {}, { signed: {} })).status), '1');
    refused(await call('siteinfo', {}, { signed: { secret: 'guess' } }), /signature/);
    refused(await call('siteinfo', {}, { signed: { dt: toTorDateTime(new Date(Date.now() - 3600_000), 'Asia/Jerusalem') } }), /dt/);
  });

  test('it answers in the document shapes: numbers as text, Hebrew, status as number or text', async () => {
    const services = await call('services', {});
    assert.equal(services.status, 1);
    const first = (services['services'] as Array<Record<string, unknown>>)[0]!;
    assert.equal(typeof first['duration'], 'string');
    assert.match(String(first['name']), /[\u0590-\u05FF]/);
  });

  test('it refuses wrong methods, missing fields, wrong date formats, unknown ids and parameters', async () => {
    refused(await call('addappt', {}, { method: 'GET' }), /Method not allowed/);
    refused(await call('availability', { to: '20260101', service: '7002' }), /Missing field: from/);
    refused(await call('availability', { from: '2026-01-01', to: '20260101', service: '7002' }), /Wrong date format/);
    refused(await call('availability', { from: '20260101', to: '20260501', service: '7002' }), /limited to 60 days/);
    refused(await call('availability', { from: '20260101', to: '20260102', service: '1' }), /Unknown service/);
    refused(await call('availability', { from: '20260101', to: '20260102', service: '7004' }), /external/);
    refused(await call('availability', { from: '20260101', to: '20260102', service: '7002', colour: 'red' }), /Unknown parameter/);
    refused(await call('apptinfo', { apptid: '1' }), /not found/);
    refused(await call('apptinfo', {}), /Missing field: apptid/);
  });

  test('it books a slot only with its vfib, a valid cell, and while places are left', async () => {
    const slot = fake.slots.slots.find((s) => s.services === '7003')!;
    const base = { slotid: slot.id, vfib: slot.vfib, staff: slot.staff, service: '7003', first: 'אבי', last: 'לוי', cell: '0541234567' };
    refused(await call('addappt', { ...base, vfib: '0000000000000000' }, { method: 'POST' }), /Wrong vfib/);
    refused(await call('addappt', { ...base, cell: '12345' }, { method: 'POST' }), /Invalid cell/);
    refused(await call('addappt', { ...base, first: '' }, { method: 'POST' }), /Missing field: first/);
    refused(await call('addappt', { ...base, staff: '8002' }, { method: 'POST' }), /not linked|does not belong/);
    const booked = await call('addappt', { ...base, participants: '4' }, { method: 'POST' });
    assert.equal(booked.status, 1);
    refused(await call('addappt', { ...base, participants: '2', first: 'דנה' }, { method: 'POST' }), /full/);
    const appt = (booked['appt'] as Array<{ id: string; vfib: string }>)[0]!;
    refused(await call('delappt', { apptid: appt.id, vfib: 'nope' }, { method: 'POST' }), /Wrong vfib/);
    assert.equal((await call('delappt', { apptid: appt.id, vfib: appt.vfib }, { method: 'POST' })).status, 1);
    refused(await call('delappt', { apptid: appt.id, vfib: appt.vfib }, { method: 'POST' }), /already cancelled/);
  });

  test('it counts calls per endpoint and site', async () => {
    const before = fake.count('siteinfo', '5001');
    await call('siteinfo', {});
    assert.equal(fake.count('siteinfo', '5001'), before + 1);
  });
});
