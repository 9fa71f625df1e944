import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemClock } from '../../src/server/clock.ts';
import { createAgendizeProvider } from '../../src/server/providers/agendize/adapter.ts';
import type { Provider } from '../../src/server/providers/provider.ts';
import { startAgendizeFake, type AgendizeFake } from '../fakes/agendize/server.ts';
import { fakeSites } from '../fakes/agendize/sites.ts';
import { memoryLog } from '../fakes/tor4you/sites.ts';
import { failsWith } from './helpers/engine.ts';

let fake: AgendizeFake;
let salon: Provider;
let sites: ReturnType<typeof fakeSites>;
const log = memoryLog();

before(async () => {
  fake = await startAgendizeFake();
  sites = fakeSites(fake, { timeoutMs: 800 });
  salon = createAgendizeProvider(sites.salon, { clock: systemClock, log, env: sites.env });
});
after(() => fake.close());

const fresh = () => createAgendizeProvider(sites.salon, { clock: systemClock, log, env: sites.env });

describe('Agendize failures, read from the HTTP status and the body', () => {
  test('a wrong token (with the right key) is upstream_auth, and neither header value reaches the log', async () => {
    const wrong = createAgendizeProvider(sites.salon, { clock: systemClock, log, env: { ...sites.env, AGENDIZE_TOKEN: 'not-the-token' } });
    await assert.rejects(wrong.site(), failsWith('upstream_auth'));
    assert.equal(fake.calls.at(-1)!.authorized, false);
    const logged = JSON.stringify(log.lines);
    assert.ok(!logged.includes(fake.credentials.apiKey) && !logged.includes(fake.credentials.token) && !logged.includes('not-the-token'));
  });

  test("another account's company is upstream_auth (403)", async () => {
    const other = createAgendizeProvider(
      { ...sites.salon, provider: { ...sites.salon.provider, companyId: '1999' } as typeof sites.salon.provider },
      { clock: systemClock, log, env: sites.env },
    );
    await assert.rejects(other.site(), failsWith('upstream_auth'));
  });

  test('an error envelope with HTTP 200 is a failure, its words kept in the log only', async () => {
    fake.failNext('company', { kind: 'error200', code: 400, reason: 'invalidParameter', message: 'Paramètre « companyId » invalide' });
    await assert.rejects(fresh().site(), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'upstream_error');
      assert.ok(!error.message!.includes('companyId'));
      return true;
    });
    assert.ok(log.lines.some((l) => l['upstreamMessage'] === 'Paramètre « companyId » invalide' && l['httpStatus'] === 200));
  });

  test('an envelope on a 200 saying 401 or 503 is upstream_auth or upstream_unavailable', async () => {
    fake.failNext('company', { kind: 'error200', code: 401, reason: 'authError', message: 'Invalid token' });
    await assert.rejects(fresh().site(), failsWith('upstream_auth'));
    fake.failNext('company', { kind: 'error200', code: 503, reason: 'backendError', message: 'Try later' });
    await assert.rejects(fresh().site(), failsWith('upstream_unavailable'));
  });

  test('freeSlots refused with a 200 (a parameter it does not take) is upstream_error, not an empty month', async () => {
    const month = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    // The fake refuses staff who do not perform the service, as Agendize does, in a 200 answer.
    await assert.rejects(
      salon.bookableDates({ service: '2002', staff: '3001', participants: 1, from: month, to: month }),
      failsWith('upstream_error'),
    );
    assert.equal(log.lines.at(-1)!['httpStatus'], 200);
  });

  test('5xx with an HTML body, and no answer at all, are upstream_unavailable', async () => {
    fake.failNext('company', { kind: 'http', status: 502 });
    await assert.rejects(fresh().site(), failsWith('upstream_unavailable'));
    fake.failNext('company', { kind: 'hang' });
    await assert.rejects(fresh().site(), failsWith('upstream_unavailable'));
    assert.equal(log.lines.at(-1)!['outcome'], 'timeout');
  });

  test('an answer that is not JSON is upstream_error', async () => {
    fake.failNext('services', { kind: 'garbage' });
    await assert.rejects(fresh().catalog(), failsWith('upstream_error'));
  });

  test('an appointment that is not there is not_found', async () => {
    await assert.rejects(salon.getBooking({ id: '999999', reference: 'ABCDEF' }), failsWith('not_found'));
  });
});
