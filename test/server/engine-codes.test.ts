import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { ApiFailure } from '../../src/server/errors.ts';
import { bookInput, engineFixture, type EngineFixture, failsWith, newSiteId, siteConfig } from './helpers/engine.ts';

// Monday 2026-11-30, 07:00 in Amsterdam.
const NOW = '2026-11-30T06:00:00Z';
let f: EngineFixture;
before(async () => {
  f = await engineFixture(NOW);
});
after(() => f.db.close());

const minutes = (n: number) => n * 60_000;

/** A studio that confirms bookings with a code, one yoga slot with 2 places. */
async function studio() {
  const a = f.engine.admin;
  const id = newSiteId('studio');
  f.clock.set(NOW);
  await a.addSite({ id, name: 'Studio', calendar: 'slots' });
  const sanne = await a.addStaff(id, { name: 'Sanne', showorder: 1 });
  const yoga = await a.addService(id, { name: 'Yoga', duration: 60, staffIds: [sanne] });
  const slot = (await a.addSlot(id, {
    staffId: sanne,
    serviceId: yoga,
    from: '2026-12-02T09:00:00+01:00',
    to: '2026-12-02T10:00:00+01:00',
    maxmembers: 2,
  }))!;
  const provider = f.engine.providerFor(siteConfig(id, { timezone: 'Europe/Amsterdam', confirmation: 'code' }));
  const times = (participants = 1) => provider.bookableTimes({ service: yoga, participants, date: '2026-12-02' });
  const book = async (participants = 2, lang: 'en' | 'nl' | 'he' | 'fr' = 'en') => {
    const [time] = await times(participants);
    return provider.book(
      bookInput(time!, yoga, {
        participants,
        lang,
        customer: { firstName: 'Anna', lastName: 'Bakker', cell: '0612345678', email: 'anna@example.nl' },
      }),
    );
  };
  return { id, slot, provider, times, book };
}

describe('confirmation codes', () => {
  afterEach(() => f.setCodes(null));
  it('a booking waits for its code, holding its places for 15 minutes; the right code confirms it', async () => {
    const s = await studio();
    const booking = await s.book();
    assert.equal(booking.status, 'pending_code');
    assert.equal(booking.expiresAt, '2026-11-30T07:15:00+01:00');
    assert.equal(await f.engine.admin.placesLeft(s.slot.id), 0);
    const message = f.notifier.sent.at(-1)!;
    // The site is in Israel (the helper's country): the SMS gateway gets the number in E.164 with its prefix.
    assert.deepEqual(message.to, { cell: '+972612345678', email: 'anna@example.nl' });
    assert.equal(message.kind, 'confirmation_code');
    const confirmed = await s.provider.confirmCode!(booking.key, f.notifier.lastCode());
    assert.equal(confirmed.status, 'confirmed');
    assert.equal(confirmed.expiresAt, undefined);
    // A retry whose first answer was lost learns the booking is confirmed, not that something failed.
    assert.equal((await s.provider.confirmCode!(booking.key, f.notifier.lastCode())).status, 'confirmed');
    f.clock.advance(minutes(60));
    assert.equal(await f.engine.admin.placesLeft(s.slot.id), 0);
    assert.equal((await s.provider.getBooking(booking.key)).status, 'confirmed');
    await s.provider.cancel(booking.key);
    await assert.rejects(s.provider.confirmCode!(booking.key, '000000'), failsWith('booking_not_pending'));
  });

  it('keeps only a salted hash of the code, and the outbox has the message', async () => {
    const s = await studio();
    const booking = await s.book();
    const code = f.notifier.lastCode();
    const rows = await f.db.query<Record<string, unknown>>('SELECT * FROM confirmation_codes WHERE appointment_id = $1', [booking.key.appointmentId]);
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows[0]).includes(code));
    const [last] = await f.engine.admin.outbox(s.id);
    assert.ok(last!.text.includes(code));
  });

  it('speaks the customer language', async () => {
    const s = await studio();
    await s.book(1, 'nl');
    assert.match(f.notifier.sent.at(-1)!.text, /bevestigingscode/);
    await s.book(1, 'he');
    assert.match(f.notifier.sent.at(-1)!.text, /קוד האישור/);
  });

  it('a wrong code is code_wrong; the fifth wrong try locks it, even for the right code', async () => {
    const s = await studio();
    const booking = await s.book();
    const code = f.notifier.lastCode();
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 4; i++) await assert.rejects(s.provider.confirmCode!(booking.key, wrong), failsWith('code_wrong'));
    await assert.rejects(s.provider.confirmCode!(booking.key, wrong), failsWith('code_locked'));
    await assert.rejects(s.provider.confirmCode!(booking.key, code), failsWith('code_locked'));
    // A new code unlocks it.
    f.clock.advance(minutes(1));
    await s.provider.resendCode!(booking.key);
    assert.equal((await s.provider.confirmCode!(booking.key, f.notifier.lastCode())).status, 'confirmed');
  });

  it('past expires_at the code is expired and the places are free again, before and after expirePending', async () => {
    const s = await studio();
    const booking = await s.book();
    const code = f.notifier.lastCode();
    f.clock.advance(minutes(15));
    assert.equal(await f.engine.admin.placesLeft(s.slot.id), 2);
    assert.equal((await s.times(2)).length, 1);
    assert.equal((await s.provider.getBooking(booking.key)).status, 'expired');
    await assert.rejects(s.provider.confirmCode!(booking.key, code), failsWith('code_expired'));
    await assert.rejects(s.provider.resendCode!(booking.key), failsWith('booking_expired'));
    assert.ok((await f.engine.expirePending()) >= 1);
    const [row] = (await f.engine.admin.appointments(s.id)).filter((a) => a.id === booking.key.appointmentId);
    assert.equal(row!.status, 'expired');
    assert.equal(await f.engine.expirePending(), 0);
    // Someone else may now take the places.
    const other = await s.book(2);
    assert.equal(other.status, 'pending_code');
  });

  it('sends a new code at most every 60 seconds and 5 times in all; the old code stops working', async () => {
    // The code source offers the first code again on the resend: the engine must still send another one.
    f.setCodes(['111111', '111111', '222222']);
    const s = await studio();
    const booking = await s.book();
    const first = f.notifier.lastCode();
    assert.equal(first, '111111');
    await assert.rejects(
      s.provider.resendCode!(booking.key),
      (e: unknown) => failsWith('code_resend_too_soon')(e) && (e as ApiFailure).retryAfter === 60,
    );
    f.clock.advance(45_000);
    await assert.rejects(s.provider.resendCode!(booking.key), (e: unknown) => (e as ApiFailure).retryAfter === 15);
    f.clock.advance(15_000);
    const resent = await s.provider.resendCode!(booking.key);
    assert.equal(resent.sentTo, 'a•••@example.nl');
    assert.equal(resent.nextResendAt, '2026-11-30T07:02:00+01:00');
    assert.equal(f.notifier.lastCode(), '222222');
    await assert.rejects(s.provider.confirmCode!(booking.key, first), failsWith('code_wrong'));
    for (let sends = 3; sends <= 5; sends++) {
      f.clock.advance(60_000);
      const answer = await s.provider.resendCode!(booking.key);
      // The fifth send is the last: "send again" is not offered within the hold.
      if (sends === 5) assert.equal(answer.nextResendAt, '2026-11-30T07:19:00+01:00');
    }
    f.clock.advance(10 * 60_000);
    await assert.rejects(s.provider.resendCode!(booking.key), failsWith('code_resend_too_soon'));
    assert.equal((await s.provider.confirmCode!(booking.key, f.notifier.lastCode())).status, 'confirmed');
  });

  it('a new code renews the hold for 15 minutes', async () => {
    const s = await studio();
    const booking = await s.book();
    f.clock.advance(minutes(10));
    await s.provider.resendCode!(booking.key);
    f.clock.advance(minutes(10));
    assert.equal((await s.provider.getBooking(booking.key)).status, 'pending_code');
    assert.equal(await f.engine.admin.placesLeft(s.slot.id), 0);
  });

  it('the booking stands when the code cannot be sent; asking again reports the failure', async () => {
    const s = await studio();
    f.notifier.failing = true;
    try {
      const booking = await s.book();
      assert.equal(booking.status, 'pending_code');
      f.clock.advance(minutes(1));
      await assert.rejects(s.provider.resendCode!(booking.key), failsWith('upstream_unavailable'));
    } finally {
      f.notifier.failing = false;
    }
  });
});

describe("a booking made with someone else's first name and mobile number", () => {
  it("changes neither the customer nor where the other bookings' messages go", async () => {
    const s = await studio();
    const anna = await s.book(1);
    const annaCode = f.notifier.sent.at(-1)!;
    assert.deepEqual(annaCode.to, { cell: '+972612345678', email: 'anna@example.nl' });
    // Someone who knows Anna's first name and number books the other place, giving their own e-mail.
    const [time] = await s.times(1);
    const intruder = await s.provider.book(
      bookInput(time!, (await s.provider.catalog()).services[0]!.id, {
        customer: { firstName: 'Anna', lastName: 'Evil', cell: '0612345678', email: 'mallory@evil.test', idNumber: '000000018' },
      }),
    );
    assert.deepEqual(f.notifier.sent.at(-1)!.to, { cell: '+972612345678', email: 'mallory@evil.test' }, "their own booking's code goes to them");
    f.clock.advance(minutes(2));
    const resent = await s.provider.resendCode!(anna.key);
    assert.equal(resent.sentTo, 'a•••@example.nl', "Anna's new code still goes to Anna");
    assert.deepEqual(f.notifier.sent.at(-1)!.to, { cell: '+972612345678', email: 'anna@example.nl' });
    const [customer] = await f.engine.admin.customers(s.id);
    assert.deepEqual([customer!.lastName, customer!.email], ['Bakker', 'anna@example.nl'], 'the customer is unchanged');
    assert.notEqual(intruder.key.appointmentId, anna.key.appointmentId);
  });
});
