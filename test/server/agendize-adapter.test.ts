import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { systemClock } from '../../src/server/clock.ts';
import type { BookInput, PlatformTime, Provider } from '../../src/server/providers/provider.ts';
import { createAgendizeProvider } from '../../src/server/providers/agendize/adapter.ts';
import { startAgendizeFake, type AgendizeFake } from '../fakes/agendize/server.ts';
import { fakeSites } from '../fakes/agendize/sites.ts';
import { memoryLog } from '../fakes/tor4you/sites.ts';
import { failsWith } from './helpers/engine.ts';

const rfc3339Paris = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/;

let fake: AgendizeFake;
let salon: Provider;
let approval: Provider;
let sites: ReturnType<typeof fakeSites>;
const log = memoryLog();

before(async () => {
  fake = await startAgendizeFake();
  sites = fakeSites(fake);
  salon = createAgendizeProvider(sites.salon, { clock: systemClock, log, env: sites.env });
  approval = createAgendizeProvider(sites.approval, { clock: systemClock, log, env: sites.env });
});
after(() => fake.close());
beforeEach(() => {
  salon.invalidate?.();
  approval.invalidate?.();
});

let keyCounter = 0;
function input(time: PlatformTime, service: string, customer: Partial<BookInput['customer']> = {}): BookInput {
  return {
    service,
    staff: time.staff?.id ?? null,
    branch: null,
    start: time.start,
    end: time.end,
    hold: time.hold,
    participants: 1,
    customer: { firstName: 'Hélène', lastName: 'Noël', cell: '0612345678', email: 'helene.noel@example.fr', notes: 'Allergie au latex', ...customer },
    lang: 'fr',
    idempotencyKey: `key-${Date.now()}-${++keyCounter}`,
    resumed: false,
  };
}

/** Free times of a service some days out, from the adapter itself. */
async function timesFor(provider: Provider, service: string, staff?: string, skip = 0): Promise<PlatformTime[]> {
  const today = new Date().toISOString().slice(0, 10);
  const until = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const dates = await provider.bookableDates({ service, staff, participants: 1, from: today, to: until });
  assert.ok(dates.length > skip, 'the fake offers dates');
  return provider.bookableTimes({ service, staff, participants: 1, date: dates[skip]! });
}

describe('the Agendize company and catalog', () => {
  test('tells the company name with its accents and entities decoded, books on slots, and asks "are you coming?" only when mapped', async () => {
    assert.deepEqual(await salon.site(), {
      name: 'Salon Hélène & Fils',
      phone: '01 42 00 00 00',
      address: '12 rue des Martyrs, 75009 Paris, France',
      calendar: 'slots',
      attendance: true,
    });
    assert.equal((await approval.site()).attendance, false, 'no custom statuses mapped: the question is not offered');
    const call = fake.calls.find((c) => c.name === 'company')!;
    assert.equal(call.authorized, true);
    assert.equal(call.version, '2.0');
  });

  test('lists visible services with names in the site language, prices, cancel delay, and who performs them', async () => {
    const catalog = await salon.catalog();
    assert.deepEqual(
      catalog.services.map((s) => s.name),
      ['Coupe femme', 'Atelier coloration', 'Soin du visage'],
    );
    const [cut, colour] = catalog.services;
    assert.deepEqual([cut!.durationMinutes, cut!.price, cut!.cancelNoticeMinutes, cut!.staffIds], [30, 45, 1440, ['3001', '3002']]);
    assert.deepEqual([colour!.price, colour!.staffIds], [80, ['3002']], 'a price given as {amount, currency}');
    assert.deepEqual(catalog.staff, [
      { id: '3001', name: 'Hélène Dupont' },
      { id: '3002', name: 'François Noël' },
    ]);
  });

  test('leaves out a service whose mandatory form item the site does not fill, and says which in the log', async () => {
    const catalog = await approval.catalog();
    assert.deepEqual(
      catalog.services.map((s) => s.id),
      ['2001', '2002'],
    );
    assert.ok(log.lines.some((l) => l['outcome'] === 'form_item_unmapped' && l['formItem'] === 'f-allergies' && l['service'] === '2003'));
  });

  test('names services in English for an English site, from i18n', async () => {
    const english = createAgendizeProvider({ ...sites.approval, locale: 'en' }, { clock: systemClock, log, env: sites.env });
    assert.deepEqual(
      (await english.catalog()).services.map((s) => s.name),
      ["Women's haircut", 'Colour workshop'],
    );
  });
});

describe('Agendize availability', () => {
  test('asks freeSlots once for a visible month, under API 2.1, and reads the times of a date from the same answer', async () => {
    const before = fake.count('freeSlots');
    const month = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const dates = await salon.bookableDates({ service: '2001', staff: '3001', participants: 1, from: `${month}-01`, to: last });
    assert.ok(dates.length > 10);
    const times = await salon.bookableTimes({ service: '2001', staff: '3001', participants: 1, date: dates[0]! });
    assert.equal(fake.count('freeSlots') - before, 1, 'one call served both');
    const call = fake.calls.filter((c) => c.name === 'freeSlots').at(-1)!;
    assert.equal(call.version, '2.1');
    assert.deepEqual(call.query, { startDate: `${month}-01`, endDate: last, serviceId: '2001', staffId: '3001', timeZone: 'Europe/Paris' });
    assert.ok(times.length > 0 && times.every((t) => rfc3339Paris.test(t.start) && rfc3339Paris.test(t.end)));
    assert.equal(times[0]!.start.slice(11, 16), '09:00', 'a wall time read in Paris');
    assert.equal(Date.parse(times[0]!.end) - Date.parse(times[0]!.start), 30 * 60_000);
    assert.deepEqual(times[0]!.staff, { id: '3001', name: 'Hélène Dupont' });
  });

  test('shares one freeSlots call between widgets asking at once, and asks again after invalidate', async () => {
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = from.slice(0, 8) + '28';
    fake.delayMs = 50;
    const before = fake.count('freeSlots');
    try {
      await Promise.all([1, 2, 3].map(() => salon.bookableDates({ service: '2002', participants: 1, from, to: to < from ? from : to })));
    } finally {
      fake.delayMs = 0;
    }
    assert.equal(fake.count('freeSlots') - before, 1);
    salon.invalidate!();
    await salon.bookableDates({ service: '2002', participants: 1, from, to: to < from ? from : to });
    assert.equal(fake.count('freeSlots') - before, 2);
  });

  test('"any staff" asks without staffId and offers times without a named person', async () => {
    const times = await timesFor(salon, '2001');
    assert.ok(times.length > 0 && times.every((t) => t.staff === null && t.hold['staffId'] === undefined));
    assert.equal(fake.calls.filter((c) => c.name === 'freeSlots').at(-1)!.query['staffId'], undefined);
  });
});

describe('Agendize booking', () => {
  test('finds or creates the client, then books the wall time with its time zone, notes and the form item', async () => {
    const clientsBefore = fake.clients.length;
    const time = (await timesFor(salon, '2003', '3001'))[0]!;
    const booking = await salon.book(input(time, '2003'));
    assert.equal(fake.clients.length, clientsBefore + 1);
    const created = fake.calls.filter((c) => c.name === 'clients.insert').at(-1)!.body;
    assert.deepEqual(created, {
      firstName: 'Hélène',
      lastName: 'Noël',
      emailAddresses: [{ email: 'helene.noel@example.fr', primary: true }],
      phoneNumbers: [{ number: '0612345678', primary: true, mobile: true }],
    });
    const sent = fake.calls.filter((c) => c.name === 'appointments.insert').at(-1)!;
    const body = sent.body as Record<string, any>;
    assert.match(body['start'].dateTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/, 'wall time without an offset');
    assert.equal(body['start'].timeZone, 'Europe/Paris');
    assert.deepEqual(
      [body['status'], body['notes'], body['form']],
      ['accepted', 'Allergie au latex', { items: [{ id: 'f-allergies', value: 'Allergie au latex' }] }],
    );
    assert.equal(sent.query['silent'], 'false');
    assert.equal(booking.status, 'confirmed');
    assert.equal(booking.start, time.start);
    assert.deepEqual(booking.service, { id: '2003', name: 'Soin du visage' });
    assert.deepEqual(booking.staff, { id: '3001', name: 'Hélène Dupont' });
    const stored = fake.appointments.find((a) => a.id === booking.key['id'])!;
    assert.equal(booking.reference, stored.reference);
    assert.match(booking.reference!, /^[A-Z0-9]{6}$/);
  });

  test("where the customer came from (utm_*, fbclid) joins the notes; the form item keeps the customer's own words", async () => {
    const time = (await timesFor(salon, '2003', '3001'))[0]!;
    await salon.book({ ...input(time, '2003'), attribution: { utm_source: 'facebook', fbclid: 'fb-9' } });
    const body = fake.calls.filter((c) => c.name === 'appointments.insert').at(-1)!.body as Record<string, any>;
    assert.equal(body['notes'], 'Allergie au latex\nSource: utm_source=facebook, fbclid=fb-9');
    assert.deepEqual(body['form'], { items: [{ id: 'f-allergies', value: 'Allergie au latex' }] });
  });

  test('a returning customer is found again: no second client', async () => {
    // Two times of one day: the second date offered, a whole day (late in the day today may have only one left).
    const [a, b] = await timesFor(salon, '2001', '3002', 1);
    await salon.book(input(a!, '2001', { email: 'francois@example.fr', cell: '0698765432' }));
    const clients = fake.clients.length;
    await salon.book(input(b!, '2001', { email: 'FRANCOIS@example.fr', cell: '0698765432' }));
    assert.equal(fake.clients.length, clients);
  });

  test('an approval site books the appointment as pending, waiting for the business', async () => {
    const time = (await timesFor(approval, '2001', '3001', 1))[0]!;
    const booking = await approval.book(input(time, '2001', { notes: undefined }));
    assert.equal(booking.status, 'pending_approval');
    assert.equal(fake.appointments.find((a) => a.id === booking.key['id'])!.status, 'pending');
    assert.equal(fake.calls.filter((c) => c.name === 'appointments.insert').at(-1)!.query['silent'], 'true');
  });

  test('a time just taken is slot_taken; a service with capacity 3 takes three customers on one time, not four', async () => {
    const time = (await timesFor(salon, '2001', '3001', 2))[0]!;
    await salon.book(input(time, '2001', { email: 'un@example.fr' }));
    await assert.rejects(salon.book(input(time, '2001', { email: 'deux@example.fr' })), failsWith('slot_taken'));

    const group = (await timesFor(salon, '2002', '3002', 3))[0]!;
    for (const who of ['a', 'b', 'c']) await salon.book(input(group, '2002', { email: `${who}@example.fr` }));
    await assert.rejects(salon.book(input(group, '2002', { email: 'd@example.fr' })), failsWith('slot_taken'));
  });

  test('an answer lost on the way: the appointment made is found instead of failing or booking twice', async () => {
    const quick = createAgendizeProvider(
      { ...sites.salon, provider: { ...sites.salon.provider, timeoutMs: 1500 } as typeof sites.salon.provider },
      { clock: systemClock, log, env: sites.env },
    );
    const time = (await timesFor(quick, '2001', '3002', 4))[0]!;
    const request = input(time, '2001', { email: 'perdu@example.fr' });
    const before = fake.appointments.length;
    fake.failNext('appointments.insert', { kind: 'lost' });
    const booking = await quick.book(request);
    assert.equal(fake.appointments.length, before + 1);
    assert.equal(booking.key['id'], fake.appointments.at(-1)!.id);

    // The customer's retry after a crash: looked up, not booked again, and no second client.
    const clients = fake.clients.length;
    const again = await quick.book({ ...request, resumed: true });
    assert.equal(again.key['id'], booking.key['id']);
    assert.equal(fake.appointments.length, before + 1);
    assert.equal(fake.clients.length, clients);
  });

  test('a booking that did not reach Agendize fails as upstream_unavailable and books nothing', async () => {
    const time = (await timesFor(salon, '2001', '3002', 5))[0]!;
    const before = fake.appointments.length;
    fake.failNext('appointments.insert', { kind: 'http', status: 503 });
    await assert.rejects(salon.book(input(time, '2001', { email: 'panne@example.fr' })), failsWith('upstream_unavailable'));
    assert.equal(fake.appointments.length, before);
  });
});

describe('Agendize manage', () => {
  async function booked(provider: Provider, skip: number, email: string) {
    const time = (await timesFor(provider, '2001', '3001', skip))[0]!;
    return provider.book(input(time, '2001', { email }));
  }

  test('reads the appointment back by id, refusing a reference that does not match', async () => {
    const booking = await booked(salon, 6, 'lire@example.fr');
    const read = await salon.getBooking(booking.key);
    assert.deepEqual([read.status, read.start, read.reference], ['confirmed', booking.start, booking.reference]);
    await assert.rejects(salon.getBooking({ ...booking.key, reference: 'XXXXXX' }), failsWith('not_found'));
    await assert.rejects(salon.getBooking({ id: '123', reference: '' }), failsWith('not_found'));
  });

  test('maps every native status', async () => {
    const booking = await booked(salon, 7, 'statuts@example.fr');
    const stored = fake.appointments.find((a) => a.id === booking.key['id'])!;
    const seen: Record<string, string> = {};
    for (const status of ['accepted', 'pending', 'declined', 'cancelled', 'completed', 'noShow', 'inProgress'] as const) {
      stored.status = status;
      seen[status] = (await salon.getBooking(booking.key)).status;
    }
    stored.status = 'accepted';
    assert.deepEqual(seen, {
      accepted: 'confirmed',
      pending: 'pending_approval',
      declined: 'cancelled',
      cancelled: 'cancelled',
      completed: 'confirmed',
      noShow: 'confirmed',
      inProgress: 'confirmed',
    });
  });

  test('"are you coming?" sets the mapped custom status alone, never together with status', async () => {
    const booking = await booked(salon, 8, 'viens@example.fr');
    assert.equal((await salon.setAttendance(booking.key, 'yes')).attendance, 'yes');
    const put = fake.calls.filter((c) => c.name === 'appointments.update').at(-1)!;
    assert.deepEqual(put.body, { customStatus: { id: '501' } });
    assert.equal((await salon.setAttendance(booking.key, 'no')).attendance, 'no');
    assert.equal((await salon.getBooking(booking.key)).attendance, 'no');
    const pending = await booked(approval, 9, 'sans@example.fr');
    await assert.rejects(approval.setAttendance(pending.key, 'yes'), failsWith('attendance_not_allowed'));
  });

  test('cancels with a PUT to cancelled, which keeps the appointment and its history', async () => {
    const booking = await booked(salon, 10, 'annule@example.fr');
    const cancelled = await salon.cancel(booking.key);
    assert.equal(cancelled.status, 'cancelled');
    const stored = fake.appointments.find((a) => a.id === booking.key['id'])!;
    assert.deepEqual([stored.status, stored.deleted, stored.history.map((h) => h.text)], ['cancelled', false, ['created', 'cancelled']]);
    assert.deepEqual(fake.calls.filter((c) => c.name === 'appointments.update').at(-1)!.body, { status: 'cancelled' });
  });

  test('falls back to DELETE when the account refuses status changes, and DELETEs when told to', async () => {
    const booking = await booked(salon, 11, 'efface@example.fr');
    fake.company.allowsStatusUpdate = false;
    try {
      assert.equal((await salon.cancel(booking.key)).status, 'cancelled');
    } finally {
      fake.company.allowsStatusUpdate = true;
    }
    assert.equal(fake.appointments.find((a) => a.id === booking.key['id'])!.deleted, true);
    assert.ok(log.lines.some((l) => l['outcome'] === 'status_refused_deleting'));

    const deleting = createAgendizeProvider(fakeSites(fake, { cancelBy: 'delete' }).salon, { clock: systemClock, log, env: sites.env });
    const other = await booked(deleting, 12, 'efface2@example.fr');
    const updates = fake.count('appointments.update');
    await deleting.cancel(other.key);
    assert.equal(fake.count('appointments.update'), updates);
    assert.equal(fake.appointments.find((a) => a.id === other.key['id'])!.deleted, true);
  });

  test("inside the service's cancellation delay, Agendize refuses and the customer hears cancel_not_allowed", async () => {
    const booking = await booked(salon, 13, 'tard@example.fr');
    fake.shiftMs = Date.parse(booking.start) - Date.now() - 60 * 60_000;
    try {
      await assert.rejects(salon.cancel(booking.key), failsWith('cancel_not_allowed'));
    } finally {
      fake.shiftMs = 0;
    }
    assert.equal(fake.appointments.find((a) => a.id === booking.key['id'])!.status, 'accepted');
  });
});
