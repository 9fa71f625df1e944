import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parseEnvelope } from '../../src/server/providers/onlineafspraken/xml.ts';
import { startOnlineAfsprakenFake, type OnlineAfsprakenFake } from '../fakes/onlineafspraken/server.ts';

/** The fake refuses what the platform would: it is only worth testing against if it is strict. */
let fake: OnlineAfsprakenFake;
before(async () => (fake = await startOnlineAfsprakenFake()));
after(() => fake.close());

/** Signs by hand here, with an order and a salt the test chooses. */
async function call(
  params: Record<string, string>,
  options: { order?: 'byte' | 'caseless'; salt?: number; algorithm?: 'sha1' | 'sha256'; http?: 'GET' | 'POST' } = {},
) {
  const salt = options.salt ?? Math.floor(Date.now() / 1000) - 2;
  const keys = Object.keys(params).sort(options.order === 'caseless' ? (a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) : undefined);
  const text =
    keys
      .map((k) => k + params[k])
      .join('')
      .replace(/ /g, '') +
    fake.salon.secret +
    salt;
  const url = new URL(fake.url);
  url.searchParams.set('api_key', fake.salon.key);
  url.searchParams.set('api_salt', String(salt));
  url.searchParams.set(
    'api_signature',
    createHash(options.algorithm ?? 'sha1')
      .update(text)
      .digest('hex'),
  );
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { method: options.http ?? 'GET' });
  return { status: res.status, answer: parseEnvelope(await res.text()) };
}

describe('the strict OnlineAfspraken fake', () => {
  test('a correctly signed call succeeds', async () => {
    assert.equal((await call({ method: 'getAgendas' })).answer.ok, true);
  });

  test('a case-insensitive key sort is refused (Id, Mode before method; DryRun before Id)', async () => {
    const params = { method: 'getBookableTimes', AgendaId: '1337', AppointmentTypeId: '101', Date: '2030-01-07', ResourceId: '187' };
    assert.equal((await call(params)).answer.ok, true);
    const wrong = await call(params, { order: 'caseless' });
    assert.deepEqual([wrong.status, wrong.answer.ok, wrong.answer.message], [200, false, 'Invalid signature']);
  });

  test('a salt in the future, one older than 300 s, and one in milliseconds are refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    assert.match((await call({ method: 'getAgendas' }, { salt: now + 30 })).answer.message, /later than server time/);
    assert.match((await call({ method: 'getAgendas' }, { salt: now - 301 })).answer.message, /expired/);
    assert.equal((await call({ method: 'getAgendas' }, { salt: Date.now() })).answer.ok, false);
  });

  test('the account’s own hash only, and GET only', async () => {
    assert.equal((await call({ method: 'getAgendas' }, { algorithm: 'sha256' })).answer.ok, false);
    assert.equal((await call({ method: 'getAgendas' }, { http: 'POST' })).status, 405);
  });

  test('required fields: setCustomer without Email, setAppointment without the required Toelichting', async () => {
    assert.match((await call({ method: 'setCustomer', FirstName: 'A', LastName: 'B' })).answer.message, /Verplicht veld ontbreekt: Email/);
    const times = await call({ method: 'getBookableTimes', AgendaId: '1337', AppointmentTypeId: '101', Date: nextMonday() });
    const first = (times.answer.body['Objects'] as { BookableTime: Array<{ StartTime: string }> }).BookableTime[0]!;
    const refused = await call({
      method: 'setAppointment',
      AgendaId: '1337',
      CustomerId: '5001',
      AppointmentTypeId: '101',
      Date: nextMonday(),
      StartTime: first.StartTime,
    });
    assert.match(refused.answer.message, /Verplicht veld ontbreekt: Toelichting/);
  });

  test('capacity: a capacity type takes three bookings of one time, the fourth gets "Geen vrij tijdslot"', async () => {
    const date = nextMonday();
    const times = await call({ method: 'getBookableTimes', AgendaId: '1337', AppointmentTypeId: '105', Date: date });
    const start = (times.answer.body['Objects'] as { BookableTime: Array<{ StartTime: string; ResourceId: string }> }).BookableTime[0]!;
    assert.equal(start.ResourceId, '0');
    const book = () =>
      call({
        method: 'setAppointment',
        AgendaId: '1337',
        CustomerId: '5001',
        AppointmentTypeId: '105',
        Date: date,
        StartTime: start.StartTime,
        Toelichting: 'x',
      });
    for (let i = 0; i < 3; i++) assert.equal((await book()).answer.ok, true);
    assert.equal((await book()).answer.message, 'Geen vrij tijdslot voor afspraak.');
  });

  test('types a consumer may not book are refused', async () => {
    const refused = await call({ method: 'getBookableDays', AgendaId: '1337', AppointmentTypeId: '103' });
    assert.equal(refused.answer.ok, false);
  });
});

/** A Monday at least a week ahead, inside the salon's 30-day advance window. */
function nextMonday(): string {
  const d = new Date(Date.now() + 8 * 86_400_000);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
