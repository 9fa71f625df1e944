import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkAgendize } from '../../src/server/providers/agendize/check.ts';
import { setupChecks } from '../../src/server/providers/setup-check.ts';
import { startAgendizeFake, type AgendizeFake } from '../fakes/agendize/server.ts';
import { fakeSites } from '../fakes/agendize/sites.ts';

let fake: AgendizeFake;
let sites: ReturnType<typeof fakeSites>;
before(async () => {
  fake = await startAgendizeFake();
  sites = fakeSites(fake);
});
after(() => fake.close());

test('npm run check:site knows Agendize; a ready site is all ok, and says what it found', async () => {
  assert.equal(setupChecks.agendize, checkAgendize);
  const lines = await checkAgendize(sites.salon, { env: sites.env });
  assert.ok(
    lines.every((l) => l.ok),
    JSON.stringify(lines),
  );
  assert.match(lines[0]!.text, /company "Salon Hélène & Fils"/);
  assert.ok(lines.some((l) => /3 service\(s\) can be booked: Coupe femme, Atelier coloration, Soin du visage/.test(l.text)));
});

test('says which mandatory form item stops a service, and what to set', async () => {
  const lines = await checkAgendize(sites.approval, { env: sites.env });
  const gap = lines.find((l) => !l.ok)!;
  assert.match(gap.text, /"Allergies connues" \(f-allergies\)/);
  assert.match(gap.text, /formFields/);
});

test("a refused token, and a time zone other than the company's, are said plainly", async () => {
  const refused = await checkAgendize(sites.salon, { env: { ...sites.env, AGENDIZE_TOKEN: 'wrong' } });
  assert.deepEqual(
    refused.map((l) => l.ok),
    [false],
  );
  assert.match(refused[0]!.text, /could not be reached|refused/);
  const elsewhere = await checkAgendize({ ...sites.salon, timezone: 'Europe/Brussels' }, { env: sites.env });
  assert.match(elsewhere.find((l) => !l.ok)!.text, /"timezone": "Europe\/Paris"/);
});
