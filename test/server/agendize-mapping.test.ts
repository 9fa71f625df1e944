import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCatalog, bookingStatus, timesOn } from '../../src/server/providers/agendize/mapping.ts';
import { fromWall, instantOfWall, monthsBetween, toWall } from '../../src/server/providers/agendize/time.ts';
import { decodeEntities, freeSlotsAnswer, servicesAnswer, staffAnswer } from '../../src/server/providers/agendize/wire.ts';

describe('Agendize text', () => {
  test('decodes numeric, hex and named entities the vendor library writes for accents', () => {
    assert.equal(decodeEntities('Fran&#231;ois No&#xEB;l'), 'François Noël');
    assert.equal(decodeEntities('H&eacute;l&egrave;ne &amp; Fils'), 'Hélène & Fils');
    assert.equal(decodeEntities('&lt;b&gt; &quot;x&quot; &unknown; &#0;'), '<b> "x" &unknown; &#0;');
  });

  test('keeps plain UTF-8 accents as they are', () => {
    assert.equal(decodeEntities('Zoé Noël, Hélène'), 'Zoé Noël, Hélène');
  });
});

describe('Agendize wall times', () => {
  test('reads a wall time in Paris as the instant it names, winter and summer', () => {
    assert.equal(fromWall('2026-12-01T09:30:00', 'Europe/Paris', 'Europe/Paris'), '2026-12-01T09:30:00+01:00');
    assert.equal(fromWall('2026-07-01T09:30', 'Europe/Paris', 'Europe/Paris'), '2026-07-01T09:30:00+02:00');
    assert.equal(fromWall('2026-07-01T09:30:00', 'Europe/Paris', 'Asia/Jerusalem'), '2026-07-01T10:30:00+03:00');
  });

  test('reads a slot that carries an offset by its offset, with or without a colon', () => {
    assert.equal(instantOfWall('2026-12-01T09:30:00+01:00', 'Asia/Tokyo'), Date.parse('2026-12-01T08:30:00Z'));
    assert.equal(instantOfWall('2026-12-01T09:30+0100', 'Asia/Tokyo'), Date.parse('2026-12-01T08:30:00Z'));
    assert.equal(instantOfWall('2026-12-01T08:30:00Z', 'Europe/Paris'), Date.parse('2026-12-01T08:30:00Z'));
  });

  test('across the clock changes: the skipped hour reads with the offset before, the repeated one as the first', () => {
    assert.equal(fromWall('2026-03-29T02:30:00', 'Europe/Paris', 'Europe/Paris'), '2026-03-29T03:30:00+02:00');
    assert.equal(fromWall('2026-10-25T02:30:00', 'Europe/Paris', 'Europe/Paris'), '2026-10-25T02:30:00+02:00');
  });

  test('writes an instant as wall time without an offset', () => {
    assert.equal(toWall('2026-12-01T08:30:00Z', 'Europe/Paris'), '2026-12-01T09:30:00');
    assert.equal(toWall('2026-07-01T09:30:00+02:00', 'Europe/Paris'), '2026-07-01T09:30:00');
  });

  test('lists the months a range touches', () => {
    assert.deepEqual(monthsBetween('2026-11-20', '2027-01-03'), ['2026-11-01', '2026-12-01', '2027-01-01']);
  });
});

describe('Agendize resources in Bookwell words', () => {
  const services = servicesAnswer.parse({
    items: [
      {
        id: 11,
        name: 'Coupe',
        i18n: { fr: { name: 'Coupe' }, en: { name: 'Haircut' } },
        duration: '30',
        price: '45.5',
        staff: [{ id: 1 }],
        maxCancellationDelay: 120,
      },
      {
        id: '12',
        name: 'Bilan',
        i18n: [{ language: 'en', name: 'Check-up' }],
        duration: 60,
        price: { amount: 80, currency: 'EUR' },
        staff: [{ id: '2' }],
        form: {
          items: [
            { id: 'f1', title: 'Mutuelle', mandatory: true },
            { id: 'f2', title: 'Nom', bind: 'crm-name', mandatory: true },
          ],
        },
      },
      { id: '13', name: 'Caché', duration: 30, staff: [{ id: '1' }], visible: false },
      { id: '14', name: 'Sans personne', duration: 30, staff: [] },
    ],
  }).items;
  const staff = staffAnswer.parse({
    items: [
      { id: 1, firstName: 'Ren&#233;', lastName: 'Brun' },
      { id: '2', firstName: 'Anne', lastName: '' },
    ],
  }).items;

  test('ids become strings, names come in the site language, prices from text or objects, hidden services stay out', () => {
    const catalog = buildCatalog({ services, staff, locale: 'en', formFields: { f1: 'idNumber' } });
    assert.deepEqual(
      catalog.services.map((s) => [s.id, s.name, s.price, s.cancelNoticeMinutes]),
      [
        ['11', 'Haircut', 45.5, 120],
        ['12', 'Check-up', 80, 0],
      ],
    );
    assert.deepEqual(catalog.staff, [
      { id: '1', name: 'René Brun' },
      { id: '2', name: 'Anne' },
    ]);
    assert.deepEqual(catalog.rules.get('12')!.form, [{ id: 'f1', field: 'idNumber' }], 'a bound item (crm-name) is filled by the client');
  });

  test('a mandatory form item nothing fills leaves its service out, named', () => {
    const catalog = buildCatalog({ services, staff, locale: 'fr', formFields: {} });
    assert.deepEqual(
      catalog.services.map((s) => s.id),
      ['11'],
    );
    assert.deepEqual(catalog.unfillable, [{ service: '12', item: 'f1', title: 'Mutuelle' }]);
  });

  test('statuses: only pending waits for the business; declined and cancelled are cancelled', () => {
    assert.deepEqual(
      ['accepted', 'pending', 'declined', 'cancelled', 'completed', 'noShow', 'inProgress', null].map((s) => bookingStatus({ status: s as never })),
      ['confirmed', 'pending_approval', 'cancelled', 'cancelled', 'confirmed', 'confirmed', 'confirmed', 'confirmed'],
    );
  });

  test('the times of a date keep the wall time Agendize offered in their hold', () => {
    const answer = freeSlotsAnswer.parse({
      items: [
        { day: '2026-12-01', slots: ['2026-12-01T14:00:00', '2026-12-01T09:00:00'], timeZone: 'Europe/Paris' },
        { day: '2026-12-02', slots: [] },
      ],
    });
    const times = timesOn(answer, '2026-12-01', { wireZone: 'Europe/Paris', siteZone: 'Europe/Paris', durationMinutes: 45, staff: null });
    assert.deepEqual(
      times.map((t) => [t.start, t.end, t.hold]),
      [
        ['2026-12-01T09:00:00+01:00', '2026-12-01T09:45:00+01:00', { at: '2026-12-01T09:00:00', zone: 'Europe/Paris' }],
        ['2026-12-01T14:00:00+01:00', '2026-12-01T14:45:00+01:00', { at: '2026-12-01T14:00:00', zone: 'Europe/Paris' }],
      ],
    );
    assert.deepEqual(timesOn(answer, '2026-12-02', { wireZone: 'Europe/Paris', siteZone: 'Europe/Paris', durationMinutes: 45, staff: null }), []);
  });
});
