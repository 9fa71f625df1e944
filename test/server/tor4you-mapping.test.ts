/** Tor4You's answers to Bookwell's words, checked on their own: no fake server, no HTTP. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCatalog } from '../../src/server/providers/tor4you/catalog.ts';
import { customerParams, placesLeft, toBooking, toSite, toTimes, whenParams } from '../../src/server/providers/tor4you/mapping.ts';
import * as wire from '../../src/server/providers/tor4you/wire.ts';

const zone = 'Asia/Jerusalem';

const appointment = (fields: Record<string, unknown>) =>
  wire.appointmentAnswer.parse({
    appt: [
      {
        id: 901,
        status: '1',
        from: '202606150930',
        to: '202606151000',
        staff: 8001,
        staffname: 'דנה',
        service: 7002,
        servicename: 'תספורת',
        vfib: 'v1',
        participants: '',
        iscoming: '',
        ...fields,
      },
    ],
  }).appt[0]!;

const catalog = buildCatalog({
  services: wire.servicesAnswer.parse({
    services: [{ id: 7002, status: '1', name: 'תספורת', duration: 30, price: '80', can_ext: 'True', ext_can_cancel: 1, min_cancel_period: 120 }],
  }).services,
  staff: wire.staffAnswer.parse({ staff: [{ id: 8001, status: '1', first: 'דנה', last: 'לוי', branch: '0', showorder: 2 }] }).staff,
  links: [{ staff: '8001', service: '7002', status: true }],
  branches: [],
  groupServices: {},
});

describe('Tor4You mapping', () => {
  test('an appointment becomes a booking with the site offset, its status and the customer attendance', () => {
    const booking = toBooking(appointment({ iscoming: '2' }), zone);
    assert.deepEqual(booking, {
      key: { apptId: '901', vfib: 'v1' },
      status: 'confirmed',
      start: '2026-06-15T09:30:00+03:00',
      end: '2026-06-15T10:00:00+03:00',
      service: { id: '7002', name: 'תספורת' },
      staff: { id: '8001', name: 'דנה' },
      branch: null,
      participants: 1,
      attendance: 'no',
    });
    assert.equal(toBooking(appointment({ status: '0' }), zone).status, 'cancelled');
    assert.equal(toBooking(appointment({ status: '5' }), zone).status, 'expired');
    assert.equal(toBooking(appointment({ iscoming: '1' }), zone).attendance, 'yes');
    assert.equal(toBooking(appointment({ iscoming: '' }), zone).attendance, 'unknown');
    assert.equal(toBooking(appointment({ iscoming: '' }), zone, 'yes').attendance, 'yes', 'an answer just given wins over the old read');
  });

  test('staff carry the branch they work at; branch 0 works everywhere, and one branch says nothing', () => {
    const staff = (branches: Array<{ id: string }>) =>
      buildCatalog({
        services: wire.servicesAnswer.parse({
          services: [
            { id: 7002, status: '1', name: 'תספורת', duration: 30, price: '80', can_ext: 'True', ext_can_cancel: 1, min_cancel_period: 120 },
          ],
        }).services,
        staff: wire.staffAnswer.parse({
          staff: [
            { id: 8001, status: '1', first: 'דנה', last: 'לוי', branch: '9001', showorder: 3 },
            { id: 8002, status: '1', first: 'יוסי', last: 'כהן', branch: '9002', showorder: 2 },
            { id: 8003, status: '1', first: 'נועה', last: 'ברק', branch: '0', showorder: 1 },
          ],
        }).staff,
        links: ['8001', '8002', '8003'].map((id) => ({ staff: id, service: '7002', status: true })),
        branches: branches.map((b) => ({ ...b, status: true, name: b.id, address: '', city: '' })),
        groupServices: {},
      }).staff.map((s) => [s.id, s.branchIds]);
    assert.deepEqual(staff([{ id: '9001' }, { id: '9002' }]), [
      ['8001', ['9001']],
      ['8002', ['9002']],
      ['8003', []],
    ]);
    assert.deepEqual(staff([{ id: '9001' }]), [
      ['8001', []],
      ['8002', []],
      ['8003', []],
    ]);
  });

  test('the customer goes to first/last/cell and the business’s extra fields; empty fields are left out', () => {
    const params = customerParams(
      { firstName: 'נועה', lastName: 'לוי', cell: '0521234567', notes: 'פעם ראשונה', email: '' },
      { notes: 'ax3', email: 'cx1' },
    );
    assert.deepEqual(params, {
      first: 'נועה',
      last: 'לוי',
      cell: '0521234567',
      email: undefined,
      tz: undefined,
      notes: 'פעם ראשונה',
      ax3: 'פעם ראשונה',
    });
  });

  test('slots keep their places and hold; open hours last the service’s duration; all in start order', () => {
    const answer = wire.timesAnswer.parse({
      slots: [{ id: 'S2', vfib: 'x', from: '202606151100', to: '202606151130', staff: 8001 }],
      openhours: [{ staff: 8001, date: '202606150900' }],
      duration: '',
    });
    const times = toTimes(answer, { catalog, service: '7002', places: new Map([['S2', 3]]), timeZone: zone });
    assert.deepEqual(times, [
      {
        start: '2026-06-15T09:00:00+03:00',
        end: '2026-06-15T09:30:00+03:00',
        staff: { id: '8001', name: 'דנה לוי' },
        placesLeft: null,
        hold: { staffId: '8001', from: '202606150900', to: '202606150930' },
      },
      {
        start: '2026-06-15T11:00:00+03:00',
        end: '2026-06-15T11:30:00+03:00',
        staff: { id: '8001', name: 'דנה לוי' },
        placesLeft: 3,
        hold: { slotId: 'S2', vfib: 'x', staffId: '8001' },
      },
    ]);
  });

  test('addappt books a slot by slotid and vfib, an open time by its from and to', () => {
    const input = { start: '2026-06-15T09:00:00+03:00', end: '2026-06-15T09:30:00+03:00' };
    assert.deepEqual(whenParams({ slotId: 'S2', vfib: 'x', staffId: '8001' }, input, zone), { slotid: 'S2', vfib: 'x' });
    assert.deepEqual(whenParams({ staffId: '8001' }, input, zone), { from: '202606150900', to: '202606150930' });
  });

  test('places left count live slots only and never go below zero', () => {
    const answer = wire.slotListAnswer.parse({
      slots: [
        { id: 'A', status: '1', maxmembers: 5, participants: 2 },
        { id: 'B', status: '1', maxmembers: 2, participants: 3 },
        { id: 'C', status: '0', maxmembers: 5, participants: 0 },
      ],
    });
    assert.deepEqual(
      [...placesLeft(answer)],
      [
        ['A', 3],
        ['B', 0],
      ],
    );
  });

  test('siteinfo says which calendar the business uses', () => {
    const info = (usetimeslots: unknown) => toSite(wire.siteInfoAnswer.parse({ busname: 'מספרת דנה', phone: '', usetimeslots }));
    assert.deepEqual(info('True'), { name: 'מספרת דנה', phone: undefined, address: undefined, calendar: 'slots' });
    assert.equal(info('0').calendar, 'open');
  });

  test('siteinfo gives the business address: street, then zip and city', () => {
    const site = toSite(
      wire.siteInfoAnswer.parse({
        busname: 'עסק לדוגמה',
        address: 'קפריסין 10',
        city: 'תל אביב',
        zip: '',
        phone: '03-544-8485',
        usetimeslots: 'True',
      }),
    );
    assert.deepEqual([site.address, site.phone], ['קפריסין 10, תל אביב', '03-544-8485']);
    assert.equal(
      toSite(wire.siteInfoAnswer.parse({ busname: 'x', address: 'Herzl 1', city: 'Haifa', zip: 3303000 })).address,
      'Herzl 1, 3303000 Haifa',
    );
  });
});
