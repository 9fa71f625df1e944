import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as mapping from '../../src/server/providers/onlineafspraken/mapping.ts';
import * as wire from '../../src/server/providers/onlineafspraken/wire.ts';
import { item, items, parseEnvelope, UnreadableAnswer } from '../../src/server/providers/onlineafspraken/xml.ts';

const head = (status = 'success', extra = '') =>
  `<Status><APIVersion>1.0</APIVersion><Date>2022-03-29 12:14:48</Date><Timestamp>1648556088</Timestamp><Status>${status}</Status>${extra}</Status>`;
const doc = (inner: string, status?: string, extra?: string) =>
  `<?xml version="1.0" encoding="UTF-8"?> <Response> ${head(status, extra)} ${inner} </Response>`;

describe('reading OnlineAfspraken XML (the quirks in the platform notes)', () => {
  test('a one-item list comes as a bare element, two as a list, and both read as a list', () => {
    const one = parseEnvelope(doc('<Objects><Resource><Id>123</Id><Name>Ies</Name></Resource></Objects>'));
    assert.deepEqual(items(one.body, 'Resource'), [{ Id: '123', Name: 'Ies' }]);
    const two = parseEnvelope(doc('<Objects><Resource><Id>1</Id></Resource><Resource><Id>2</Id></Resource></Objects>'));
    assert.equal(items(two.body, 'Resource').length, 2);
  });

  test('an empty list: no <Objects> at all, or an empty one', () => {
    assert.deepEqual(items(parseEnvelope(doc('')).body, 'BookableDay'), []);
    assert.deepEqual(items(parseEnvelope(doc('<Objects></Objects>')).body, 'BookableDay'), []);
    assert.deepEqual(items(parseEnvelope(doc('<Objects/>')).body, 'BookableDay'), []);
  });

  test('get-one answers put the element straight under <Response>, set answers under <Objects>', () => {
    const agenda = parseEnvelope(doc('<Agenda><Id>1337</Id><Name></Name></Agenda>'));
    assert.deepEqual(item(agenda.body, 'Agenda'), { Id: '1337', Name: '' });
    const saved = parseEnvelope(doc('<Objects><Appointment><Id>123</Id><Status>2</Status></Appointment></Objects>'));
    assert.deepEqual(item(saved.body, 'Appointment'), { Id: '123', Status: '2' });
  });

  test('the server clock and a failed status inside an HTTP 200 answer, with its Dutch message', () => {
    const failed = parseEnvelope(doc('', 'failed', '<Message>Geen vrij tijdslot voor afspraak.</Message>'));
    assert.deepEqual([failed.ok, failed.message, failed.timestamp], [false, 'Geen vrij tijdslot voor afspraak.', 1648556088]);
  });

  test('HTML, or XML without the envelope, is unreadable, not a success', () => {
    assert.throws(() => parseEnvelope('<html><body>Onderhoud</body>'), UnreadableAnswer);
    assert.throws(() => parseEnvelope('<html><body>Onderhoud</body></html>'), UnreadableAnswer);
    assert.throws(() => parseEnvelope(doc('', 'maybe')), UnreadableAnswer);
  });

  test('numbers as text keep their leading zeros; entities are decoded', () => {
    const answer = parseEnvelope(doc('<Customer><Id>5</Id><MobilePhone>0612345678</MobilePhone><LastName>Bakker &amp; Zn</LastName></Customer>'));
    assert.deepEqual(item(answer.body, 'Customer'), { Id: '5', MobilePhone: '0612345678', LastName: 'Bakker & Zn' });
  });
});

describe('OnlineAfspraken elements as Bookwell’s catalog, times and statuses', () => {
  const typesXml = doc(`<Objects>
    <AppointmentType><Id>123</Id><Name>Buikspieren</Name><Description></Description><Status>2</Status><SchedulingType>resource</SchedulingType><PriceType>3</PriceType><Price>0.00</Price><Duration>30</Duration><MinTimeBeforeAppointment>1</MinTimeBeforeAppointment><MaxTimeBeforeAppointment>4320</MaxTimeBeforeAppointment><Buffer>0</Buffer><CanBeBookedByConsumer>1</CanBeBookedByConsumer><ExplicitEndDate></ExplicitEndDate><Category>Personal Training</Category><CategoryId>110</CategoryId><Capacity>1</Capacity><ResourceId>187,188,189,197</ResourceId></AppointmentType>
    <AppointmentType><Id>124</Id><Name>Intro buikspieren</Name><Description></Description><Status>1</Status><SchedulingType>resource</SchedulingType><PriceType>1</PriceType><Price>20.00</Price><Duration>60</Duration><MinTimeBeforeAppointment>1</MinTimeBeforeAppointment><MaxTimeBeforeAppointment>4320</MaxTimeBeforeAppointment><Buffer>0</Buffer><CanBeBookedByConsumer>1</CanBeBookedByConsumer><ExplicitEndDate></ExplicitEndDate><Category>Introductieles</Category><CategoryId>111</CategoryId><Capacity>1</Capacity><ResourceId>187, 188,189</ResourceId></AppointmentType>
    <AppointmentType><Id>125</Id><Name>Intern</Name><Duration>60</Duration><CanBeBookedByConsumer>0</CanBeBookedByConsumer><ResourceId>187</ResourceId></AppointmentType>
    <AppointmentType><Id>126</Id><Name>Groepsles</Name><SchedulingType>capacity</SchedulingType><PriceType>2</PriceType><Price>12.50</Price><Duration>45</Duration><CanBeBookedByConsumer>1</CanBeBookedByConsumer><Capacity>8</Capacity><ResourceId></ResourceId><Zaal>A</Zaal></AppointmentType>
  </Objects>`);
  const resourcesXml = doc(`<Objects>
    <Resource><Id>187</Id><Name>Ies O'Latie PT</Name><Code></Code><Status>1</Status><Label>1</Label></Resource>
    <Resource><Id>188</Id><Name>Workout room WO 1</Name><Status>2</Status></Resource>
    <Resource><Id>189</Id><Name>Mila</Name><Status>1</Status></Resource>
  </Objects>`);
  const read = <T>(xml: string, name: string, schema: { parse(v: unknown): T }) => items(parseEnvelope(xml).body, name).map((n) => schema.parse(n));

  test('only enabled types a consumer may book; staff are their enabled resources from the comma-separated list', () => {
    const catalog = mapping.buildCatalog(read(typesXml, 'AppointmentType', wire.appointmentType), read(resourcesXml, 'Resource', wire.resource));
    assert.deepEqual(
      catalog.services.map((s) => s.name),
      ['Intro buikspieren', 'Groepsles'],
      'Status 2 and CanBeBookedByConsumer 0 are left out',
    );
    const intro = catalog.services[0]!;
    assert.deepEqual([intro.durationMinutes, intro.price, intro.staffIds], [60, 20, ['187', '189']]);
    const group = catalog.services[1]!;
    assert.deepEqual(
      [group.price, group.staffIds, group.maxParticipants],
      [12.5, [], 1],
      'a "from" price is a price; no resources: the platform assigns',
    );
    assert.deepEqual(catalog.staff, [
      { id: '187', name: "Ies O'Latie PT" },
      { id: '189', name: 'Mila' },
    ]);
    assert.deepEqual(catalog.window.get('124'), { minMinutes: 1, maxMinutes: 4320 });
  });

  test('PriceType 3 is no price', () => {
    const [type] = read(
      doc(
        '<Objects><AppointmentType><Id>1</Id><Name>X</Name><PriceType>3</PriceType><Price>15.00</Price><Duration>10</Duration><CanBeBookedByConsumer>1</CanBeBookedByConsumer><ResourceId/></AppointmentType></Objects>',
      ),
      'AppointmentType',
      wire.appointmentType,
    );
    assert.equal(mapping.buildCatalog([type!], []).services[0]!.price, null);
  });

  test('a time is Date + StartTime on the Amsterdam wall clock (summer and winter), never the answer’s Timestamp', () => {
    assert.equal(mapping.instantOf('2022-04-05', '09:00', 'Europe/Amsterdam'), '2022-04-05T09:00:00+02:00');
    assert.equal(mapping.instantOf('2026-12-03', '09:00', 'Europe/Amsterdam'), '2026-12-03T09:00:00+01:00');
    // The document's sample says Timestamp 1649149200 for 2022-04-05 09:00, which is 11:00 in Amsterdam.
    assert.notEqual(Date.parse(mapping.instantOf('2022-04-05', '09:00', 'Europe/Amsterdam')), 1649149200 * 1000);
    assert.deepEqual(mapping.wallOf('2026-03-29T03:30:00+02:00', 'Europe/Amsterdam'), { date: '2026-03-29', time: '03:30' });
  });

  test('appointments: Resources once or repeated, Assigned* or document times, empty fields of a cancelled one, extra elements', () => {
    const live = wire.appointment.parse(
      item(
        parseEnvelope(
          doc(
            '<Appointment><Id>9</Id><AgendaId>1</AgendaId><Name>Knippen</Name><StartTime>2026-12-03 09:00:00</StartTime><FinishTime>2026-12-03 09:30:00</FinishTime><AppointmentTypeId>101</AppointmentTypeId><CustomerId>5</CustomerId><Status>1</Status><Label>2</Label><Resources><ResourceId>187</ResourceId><AssignedStartTime>2026-12-03 09:00:00</AssignedStartTime></Resources><Resources><ResourceId>190</ResourceId></Resources><Toelichting>kort</Toelichting></Appointment>',
          ),
        ).body,
        'Appointment',
      ),
    );
    assert.equal(mapping.resourceOf(live), '187');
    assert.equal(mapping.statusOf(live, true), 'confirmed');
    const cancelled = wire.appointment.parse(
      item(
        parseEnvelope(
          doc(
            '<Appointment><Id>9</Id><Name></Name><StartTime>2026-12-03 09:00:00</StartTime><FinishTime>2026-12-03 09:30:00</FinishTime><AppointmentTypeId></AppointmentTypeId><CustomerId></CustomerId><Status>2</Status><Label>4</Label><Resources></Resources></Appointment>',
          ),
        ).body,
        'Appointment',
      ),
    );
    assert.deepEqual([mapping.statusOf(cancelled, false), mapping.resourceOf(cancelled)], ['cancelled', null]);
  });

  test('Status and Label: pending waits for a code when the account asks for codes, else for the business', () => {
    assert.equal(mapping.statusOf({ Status: '1', Label: '1' }, true), 'pending_code');
    assert.equal(mapping.statusOf({ Status: '1', Label: '1' }, false), 'pending_approval');
    assert.equal(mapping.statusOf({ Status: '3', Label: '2' }, false), 'cancelled', 'deleted');
  });

  test('a bookable day whose Month carries a leading zero is read by its Date', () => {
    const days = read(
      doc('<Objects><BookableDay><Date>2022-04-04</Date><Month>04</Month><Day>4</Day></BookableDay></Objects>'),
      'BookableDay',
      wire.bookableDay,
    );
    assert.deepEqual(
      days.map((d) => d.Date),
      ['2022-04-04'],
    );
  });
});
