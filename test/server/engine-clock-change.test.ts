/**
 * Sites west of UTC on the day their clocks go forward: a Los Angeles business open Sunday 06:00-10:00 offers the
 * same times on 8 March 2026 (clocks 02:00 -> 03:00) as on the Sundays around it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { engineFixture, type EngineFixture, newSiteId, siteConfig } from './helpers/engine.ts';

const NOW = '2026-02-20T18:00:00Z';
let f: EngineFixture;
before(async () => {
  f = await engineFixture(NOW);
});
after(() => f.db.close());

async function sundayMornings(timezone: string) {
  const a = f.engine.admin;
  const id = newSiteId('sunday');
  await a.addSite({ id, name: 'Sunday mornings', calendar: 'open' });
  const sam = await a.addStaff(id, { name: 'Sam', showorder: 1 });
  await a.addHours(sam, { weekday: 0, from: '06:00', to: '10:00' });
  const service = await a.addService(id, { name: 'Session', duration: 30, grid: 30, staffIds: [sam] });
  return { service, provider: f.engine.providerFor(siteConfig(id, { timezone })) };
}

describe('a clock change west of UTC', () => {
  it('Los Angeles offers its Sunday 06:00-10:00 times on 8 March 2026 as on 1 and 15 March', async () => {
    const site = await sundayMornings('America/Los_Angeles');
    const on = async (date: string) => (await site.provider.bookableTimes({ service: site.service, participants: 1, date })).map((t) => t.start);
    const starts = ['06:00', '06:30', '07:00', '07:30', '08:00', '08:30', '09:00', '09:30'];
    assert.deepEqual(
      await on('2026-03-01'),
      starts.map((s) => `2026-03-01T${s}:00-08:00`),
    );
    assert.deepEqual(
      await on('2026-03-08'),
      starts.map((s) => `2026-03-08T${s}:00-07:00`),
    );
    assert.deepEqual(
      await on('2026-03-15'),
      starts.map((s) => `2026-03-15T${s}:00-07:00`),
    );
    const dates = await site.provider.bookableDates({ service: site.service, participants: 1, from: '2026-03-01', to: '2026-03-15' });
    assert.deepEqual(dates, ['2026-03-01', '2026-03-08', '2026-03-15']);
  });
});
