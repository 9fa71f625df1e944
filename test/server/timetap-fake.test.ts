import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTimeTapFake, type TimeTapFake } from '../fakes/timetap/server.ts';

/** The fake's contract: it refuses what TimeTap refuses, in TimeTap's way (HTML pages, statuses). */
let fake: TimeTapFake;
let token: string;
before(async () => {
  fake = await startTimeTapFake();
  token = await sessionToken();
});
after(() => fake.close());

async function sessionToken(query: Record<string, string> = {}): Promise<string> {
  const apiKey = String(fake.business.businessId);
  const params = new URLSearchParams({
    apiKey,
    timestamp: String(Math.floor(Date.now() / 1000)),
    signature: createHash('md5')
      .update(apiKey + fake.business.privateKey)
      .digest('hex'),
    ...query,
  });
  const res = await fetch(`${fake.url}/sessionToken?${params.toString()}`);
  return res.ok ? ((await res.json()) as { sessionToken: string }).sessionToken : `refused ${res.status}`;
}

const call = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${fake.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${init.token ?? token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });

/** The next Monday at least two days away, in New York. */
function nextMonday(): string {
  let d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() !== 1) d = new Date(d.getTime() + 86_400_000);
  return d.toISOString().slice(0, 10);
}

describe('the TimeTap fake', () => {
  test('a session token needs the md5 signature and a timestamp in seconds', async () => {
    assert.match(token, /^st:api:api:/);
    assert.equal(await sessionToken({ signature: 'x'.repeat(32) }), 'refused 401');
    assert.equal(await sessionToken({ timestamp: String(Date.now()) }), 'refused 400', 'milliseconds are refused');
  });

  test('every call needs a live token; failures are HTML pages', async () => {
    for (const t of ['', 'st:api:api:guess']) {
      const res = await call('/locations', { token: t });
      assert.equal(res.status, 401);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /^<!doctype html>/);
    }
    const own = await sessionToken();
    fake.expireTokens();
    assert.equal((await call('/locations', { token: own })).status, 401, 'an expired token');
    token = await sessionToken();
  });

  test('numbers are numbers, nulls are null, military times are unpadded', async () => {
    const [location] = (await (await call('/locations')).json()) as Array<Record<string, unknown>>;
    assert.equal(typeof location!['locationId'], 'number');
    const reasons = (await (await call('/services')).json()) as Array<Record<string, unknown>>;
    assert.equal(reasons[0]!['bufferBefore'], null);
    const staff = (await (await call('/staff')).json()) as Array<Record<string, unknown>>;
    assert.deepEqual(
      staff.map((s) => s['timeZoneCode']),
      ['ET', 'America/Chicago', 'ET', 'ET'],
      'one staff member is in another zone than the locations',
    );
    const date = nextMonday().replaceAll('-', '/');
    const slots = (await (await call(`/availability/${date}/702/501/601?duration=30`)).json()) as Array<Record<string, unknown>>;
    assert.equal(slots[0]!['clientStartTime'], 800, "8:00 in Chicago, James's own clock");
    assert.equal(typeof slots[0]!['clientStartTime'], 'number');
  });

  test('availability needs duration, and is for SERVICE reasons only', async () => {
    const date = nextMonday().replaceAll('-', '/');
    assert.equal((await call(`/availability/${date}/701/501/601`)).status, 400);
    assert.equal((await call(`/availability/${date}/701/501/603?duration=60`)).status, 400);
    assert.equal((await call(`/availability/location/501/service/601?duration=30`)).status, 400, 'a range needs its dates');
  });

  test('POST /appointments checks every required field, the times and the slot', async () => {
    const client = (await (
      await call('/clients', {
        method: 'POST',
        body: JSON.stringify({ firstName: 'Zoe', lastName: 'Park', emailAddress: 'zoe@example.com', status: 'Active' }),
      })
    ).json()) as { clientId: number };
    const day = nextMonday();
    const body = {
      businessId: fake.business.businessId,
      client: { clientId: client.clientId },
      location: { locationId: 501 },
      staff: { professionalId: 701 },
      reason: { reasonId: 601 },
      clientStartDate: day,
      clientEndDate: day,
      startDate: day,
      endDate: day,
      clientStartTime: 1400,
      clientEndTime: 1430,
      startTime: 1400,
      endTime: 1430,
      clientReminderHours: 24,
      staffReminderHours: 0,
      remindClientSmsHrs: 0,
      remindStaffSmsHrs: 0,
      sendConfirmationToClient: false,
      sendConfirmationToStaff: false,
      status: 'OPEN',
      note: '',
    };
    const post = (b: object) => call('/appointments', { method: 'POST', body: JSON.stringify(b) });
    for (const field of [
      'businessId',
      'location',
      'staff',
      'reason',
      'clientStartDate',
      'clientEndTime',
      'startTime',
      'clientReminderHours',
      'remindStaffSmsHrs',
      'sendConfirmationToClient',
      'status',
    ]) {
      const { [field]: _left, ...rest } = body as Record<string, unknown>;
      const res = await post(rest);
      assert.equal(res.status, 400, field);
      assert.match(await res.text(), new RegExp(field), field);
    }
    assert.equal((await post({ ...body, clientStartTime: '1400' })).status, 400, 'a time as padded text');
    assert.equal((await post({ ...body, clientEndTime: 1500 })).status, 400, 'longer than the visit');
    assert.equal((await post({ ...body, status: 'CONFIRMED' })).status, 400);
    assert.equal((await post(body)).status, 200);
    const taken = await post(body);
    assert.equal(taken.status, 409);
    assert.match(await taken.text(), /no longer available/);
  });
});
