import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SaltClock, signature, signingString } from '../../src/server/providers/onlineafspraken/signature.ts';

/** The platform notes' worked examples (dummy values), and the rules they spell out. */
describe('the OnlineAfspraken signature', () => {
  const salt = 1714118395;

  test('getBookableTimes: the notes’ string, SHA1 and SHA256', () => {
    const params = { method: 'getBookableTimes', AgendaId: '1', Date: '2024-05-01', AppointmentTypeId: '2', api_key: 'KEY' };
    assert.equal(signingString(params, 'SECRET', salt), 'AgendaId1AppointmentTypeId2Date2024-05-01methodgetBookableTimesSECRET1714118395');
    assert.equal(signature(params, 'SECRET', salt, 'sha1'), 'fd6f208e0facc2a82b9bf88c3c8630c8a58d307d');
    assert.equal(signature(params, 'SECRET', salt, 'sha256'), '5198e99c962bf746b76f5d6d5b230c010590486e22c4e77effcdc29d3e8135c8');
  });

  test('cancelAppointment: keys in byte order, upper case before lower case (a case-insensitive sort is wrong)', () => {
    const params = { method: 'cancelAppointment', Mode: 'customer', DryRun: '1', Id: '123' };
    assert.equal(signingString(params, 'SECRET', salt), 'DryRun1Id123ModecustomermethodcancelAppointmentSECRET1714118395');
    assert.equal(signature(params, 'SECRET', salt, 'sha1'), '23ad8634e24dcbab5b32cb7de94b2a6bd3738e7a');
    assert.notEqual(signature(params, 'SECRET', salt, 'sha1').slice(0, 8), '9477c373');
  });

  test('spaces are removed from the whole string, an empty value signs as its key alone, api_* are not signed', () => {
    const params = {
      method: 'setCustomer',
      FirstName: 'Jan Willem',
      Insertions: '',
      api_key: 'K',
      api_salt: '1',
      api_signature: 'x',
      api_format: 'xml',
    };
    assert.equal(signingString(params, 'SECRET', salt), 'FirstNameJanWillemInsertionsmethodsetCustomerSECRET1714118395');
  });

  test('the key is signed exactly as sent: Id and id give different signatures', () => {
    assert.notEqual(
      signature({ method: 'getAppointment', Id: '1' }, 'S', salt, 'sha1'),
      signature({ method: 'getAppointment', id: '1' }, 'S', salt, 'sha1'),
    );
  });
});

describe('the salt clock', () => {
  test('signs in Unix seconds a few seconds early, and follows the server clock once an answer tells it', () => {
    let now = new Date('2026-05-01T10:00:00.900Z');
    const clock = new SaltClock(() => now);
    const ours = Math.floor(now.getTime() / 1000);
    assert.equal(clock.salt(), ours - SaltClock.leadSeconds, 'seconds, not milliseconds, and never ahead of a server in step with us');
    assert.equal(clock.observe(ours - 600), true, 'a server 10 minutes behind moves the salt');
    assert.equal(clock.salt(), ours - 600 - SaltClock.leadSeconds);
    now = new Date(now.getTime() + 60_000);
    assert.equal(clock.salt(), ours + 60 - 600 - SaltClock.leadSeconds, 'the offset stays as time goes on');
    assert.equal(clock.observe(ours + 60 - 601), false, 'a second of rounding does not count as a move');
  });
});
