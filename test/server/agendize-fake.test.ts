import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAgendizeFake, type AgendizeFake } from '../fakes/agendize/server.ts';

/** The fake refuses what Agendize refuses: if it were lenient, the adapter tests would prove nothing. */
let fake: AgendizeFake;
let headers: Record<string, string>;
before(async () => {
  fake = await startAgendizeFake();
  headers = { apiKey: fake.credentials.apiKey, token: fake.credentials.token, 'content-type': 'application/json' };
});
after(() => fake.close());

const company = () => `${fake.url}/api/2.0/scheduling/companies/1001`;
async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(path, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function client(): Promise<string> {
  const made = await call(`${fake.url}/api/2.0/clients`, {
    method: 'POST',
    body: JSON.stringify({ firstName: 'Noël', lastName: 'Bœuf', phoneNumbers: [{ number: '0611111111', primary: true, mobile: true }] }),
  });
  assert.equal(typeof made.body.id, 'string');
  return made.body.id;
}

async function firstSlot(service = '2001', staff = '3001'): Promise<string> {
  const answer = await call(`${company()}/widget/freeSlots?startDate=${day(3)}&endDate=${day(20)}&serviceId=${service}&staffId=${staff}`);
  const { items } = answer.body as { items: Array<{ slots: string[] }> };
  return items.find((d) => d.slots.length > 0)!.slots[0]!;
}

describe('the Agendize fake is strict', () => {
  test('both the apiKey and token headers are needed', async () => {
    const onlyKey = await fetch(company(), { headers: { apiKey: fake.credentials.apiKey } });
    assert.equal(onlyKey.status, 401);
    assert.deepEqual(Object.keys(((await onlyKey.json()) as { error: object }).error).sort(), ['code', 'message', 'reason']);
    assert.equal((await call(company())).status, 200);
  });

  test('freeSlots refuses missing or unknown parameters with the error envelope on HTTP 200', async () => {
    for (const query of [
      `startDate=${day(1)}&endDate=${day(2)}`,
      `startDate=${day(1)}&serviceId=2001`,
      `startDate=01/12/2026&endDate=${day(2)}&serviceId=2001`,
      `startDate=${day(1)}&endDate=${day(2)}&serviceId=2001&foo=1`,
    ]) {
      const answer = await call(`${company()}/widget/freeSlots?${query}`);
      assert.equal(answer.status, 200, query);
      assert.equal(answer.body.error.code, 400, query);
    }
  });

  test('a start with an offset is refused: wall time and timeZone only', async () => {
    const slot = await firstSlot();
    const id = await client();
    const answer = await call(`${company()}/appointments`, {
      method: 'POST',
      body: JSON.stringify({ service: { id: '2001' }, client: { id }, start: { dateTime: `${slot}+01:00`, timeZone: 'Europe/Paris' } }),
    });
    assert.equal(answer.status, 400);
    assert.match(answer.body.error.message, /without time zone/);
  });

  test('status together with customStatus is refused', async () => {
    const slot = await firstSlot();
    const id = await client();
    const answer = await call(`${company()}/appointments`, {
      method: 'POST',
      body: JSON.stringify({ service: { id: '2001' }, client: { id }, start: { dateTime: slot }, status: 'accepted', customStatus: { id: '501' } }),
    });
    assert.equal(answer.status, 400);
  });

  test('a time not offered is refused as not available, and ids come back as strings', async () => {
    const id = await client();
    const taken = await call(`${company()}/appointments`, {
      method: 'POST',
      body: JSON.stringify({ service: { id: '2001' }, client: { id }, start: { dateTime: `${day(3)}T03:00:00` } }),
    });
    assert.deepEqual([taken.status, taken.body.error.reason], [409, 'slotNotAvailable']);
    const slot = await firstSlot();
    const made = await call(`${company()}/appointments`, {
      method: 'POST',
      body: JSON.stringify({ service: { id: '2001' }, staff: { id: '3001' }, client: { id }, start: { dateTime: slot, timeZone: 'Europe/Paris' } }),
    });
    assert.equal(made.status, 200);
    assert.equal(typeof made.body.id, 'string');
    assert.equal(made.body.start.dateTime, slot);
    assert.equal(made.body.staff.firstName, 'H&#233;l&#232;ne', 'names escaped as the vendor library does');
    assert.notEqual(await firstSlot(), slot, 'the time is no longer offered');
  });

  test('a mandatory form item missing is refused', async () => {
    const slot = await firstSlot('2003');
    const answer = await call(`${company()}/appointments`, {
      method: 'POST',
      body: JSON.stringify({ service: { id: '2003' }, client: { id: await client() }, start: { dateTime: slot } }),
    });
    assert.deepEqual([answer.status, answer.body.error.reason], [400, 'missingFormItem']);
  });

  test('DELETE answers an empty body, and a body sent with it is refused', async () => {
    const slot = await firstSlot('2001', '3002');
    const made = await call(`${company()}/appointments`, {
      method: 'POST',
      body: JSON.stringify({ service: { id: '2001' }, client: { id: await client() }, start: { dateTime: slot } }),
    });
    assert.equal((await call(`${company()}/appointments/${made.body.id}`, { method: 'DELETE', body: '{}' })).status, 400);
    const deleted = await fetch(`${company()}/appointments/${made.body.id}`, { method: 'DELETE', headers });
    assert.deepEqual([deleted.status, await deleted.text()], [200, '']);
    assert.equal((await call(`${company()}/appointments/${made.body.id}`)).status, 404);
  });
});
