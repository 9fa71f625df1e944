/** SMS through Twilio's real REST API shape, against a strict fake of it; without TWILIO_* SMS stay in the outbox. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/server/clock.ts';
import type { Database } from '../../src/server/db/database.ts';
import { readOutbox, transportsFromEnv, TwilioTransport } from '../../src/server/notify/index.ts';
import { DeliveryError } from '../../src/server/notify/transports.ts';
import { jobsOf } from '../../src/server/notify/jobs.ts';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio/server.ts';
import { openTestDatabase } from './helpers/engine.ts';
import { backendOn, book, messageSite, seedClinic } from './helpers/messages.ts';

let db: Database;
let twilio: FakeTwilio;
before(async () => {
  db = await openTestDatabase();
  twilio = await startFakeTwilio();
});
after(async () => {
  await db.close();
  await twilio.close();
});

const env = () => ({
  TWILIO_ACCOUNT_SID: twilio.accountSid,
  TWILIO_AUTH_TOKEN: twilio.authToken,
  TWILIO_FROM: twilio.from,
  TWILIO_API_URL: twilio.url,
});

describe('Twilio SMS', () => {
  it('a booking texts the customer and the business in E.164 through Twilio, and the outbox says sent', async () => {
    const clock = fixedClock('2026-12-01T06:00:00Z');
    const { id, service } = await seedClinic(backendOn(db, [], clock).engine);
    const transports = transportsFromEnv(env());
    assert.ok(transports.sms instanceof TwilioTransport);
    const b = backendOn(db, [messageSite(id, { business: { cell: '+972521111111' } })], clock, { sms: transports.sms });
    const before = twilio.messages.length;
    const booking = await book(b, id, service, '2026-12-03', { firstName: 'Noa', lastName: 'Levi', cell: '050-123 4567' });
    await b.rt.messages.runDue();
    const texts = twilio.messages.slice(before);
    assert.deepEqual(
      texts.map((m) => m.to),
      ['+972501234567', '+972521111111'],
    );
    assert.match(texts[0]!.body, /נקבע תור ל/);
    assert.match(texts[0]!.body, /bookwell-manage=/);
    const outbox = await readOutbox(db, id);
    assert.deepEqual(
      outbox.map((e) => [e.kind, e.transport, e.status]),
      [
        ['business_booked', 'twilio', 'sent'],
        ['booked', 'twilio', 'sent'],
      ],
    );
    assert.ok((await jobsOf(db, booking.id)).some((j) => j.kind === 'reminder' && j.status === 'pending'));
  });

  it('refusals: a 5xx or 429 is retried, an invalid number is final, wrong credentials are not sent', async () => {
    const sms = new TwilioTransport({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: twilio.from,
      baseUrl: twilio.url,
      timeoutMs: 5000,
    });
    twilio.failNext = [500, 429];
    await assert.rejects(
      sms.send({ to: '+31612345678', body: 'x' }),
      (e: unknown) => e instanceof DeliveryError && e.code === 'twilio_500_20500' && !e.permanent,
    );
    await assert.rejects(
      sms.send({ to: '+31612345678', body: 'x' }),
      (e: unknown) => e instanceof DeliveryError && e.code === 'twilio_429_20429' && !e.permanent,
    );
    await assert.rejects(
      sms.send({ to: '0612345678', body: 'x' }),
      (e: unknown) => e instanceof DeliveryError && e.permanent,
      'not E.164: never sent',
    );
    await assert.rejects(
      sms.send({ to: '+31612345678', body: 'x'.repeat(1601) }),
      (e: unknown) => e instanceof DeliveryError && e.code === 'twilio_400_21617' && e.permanent,
    );
    const wrong = new TwilioTransport({ accountSid: twilio.accountSid, authToken: 'nope', from: twilio.from, baseUrl: twilio.url, timeoutMs: 5000 });
    await assert.rejects(wrong.send({ to: '+31612345678', body: 'x' }), (e: unknown) => e instanceof DeliveryError && e.code === 'twilio_401_20003');
    const count = twilio.messages.length;
    await sms.send({ to: '+31612345678', body: 'Je afspraak' });
    assert.deepEqual(
      twilio.messages.slice(count).map((m) => [m.to, m.from, m.body]),
      [['+31612345678', twilio.from, 'Je afspraak']],
    );
  });

  it('configuration comes from the environment only, and half of it stops the start', () => {
    assert.equal(transportsFromEnv({}).sms, undefined);
    assert.throws(() => transportsFromEnv({ TWILIO_ACCOUNT_SID: twilio.accountSid }), /TWILIO_AUTH_TOKEN/);
    assert.throws(() => transportsFromEnv({ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 'x', TWILIO_FROM: '+1' }), /TWILIO_ACCOUNT_SID/);
    assert.throws(() => transportsFromEnv({ TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: 'x' }), /TWILIO_FROM/);
  });
});
