/**
 * A day of times costs the database only what changes: appointments and time off. The site's services, staff
 * and hours come from memory after the first ask, and an admin change shows at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/server/clock.ts';
import type { Database } from '../../src/server/db/database.ts';
import { createEmbeddedEngine } from '../../src/server/providers/embedded/index.ts';
import { RecordingNotifier, newSiteId, openTestDatabase, siteConfig } from './helpers/engine.ts';
import { OutboxNotifier } from '../../src/server/notify/outbox.ts';

describe('the engine reads a site setup once', () => {
  let db: Database;
  const statements: string[] = [];
  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db.close());

  it('asks the database for services, staff and hours once, and again after a change', async () => {
    const clock = fixedClock('2026-11-30T06:00:00Z');
    const counting: Database = {
      ...db,
      query: (sql, params) => (statements.push(sql), db.query(sql, params)),
      transaction: (fn) => db.transaction(fn),
      close: () => db.close(),
      kind: db.kind,
    };
    const engine = createEmbeddedEngine({ db: counting, clock, notifier: new RecordingNotifier(new OutboxNotifier(db, clock)) });
    const id = newSiteId('fixed');
    await engine.admin.addSite({ id, name: 'Clinic', calendar: 'open' });
    const avi = await engine.admin.addStaff(id, { name: 'Avi', showorder: 5 });
    await engine.admin.addHours(avi, { weekday: 1, from: '09:00', to: '12:00' });
    const checkup = await engine.admin.addService(id, { name: 'Checkup', duration: 30, grid: 30, staffIds: [avi] });
    const provider = engine.providerFor(siteConfig(id));
    const setupReads = () => statements.filter((sql) => /FROM (services|staff s|working_hours)\b/.test(sql)).length;

    statements.length = 0;
    const monday = await provider.bookableTimes({ service: checkup, participants: 1, date: '2026-12-07' });
    assert.equal(monday.length, 6);
    const first = setupReads();
    assert.ok(first >= 3, `the first ask reads the setup (${first} reads)`);
    for (const date of ['2026-12-14', '2026-12-21', '2026-12-28']) {
      assert.equal((await provider.bookableTimes({ service: checkup, participants: 1, date })).length, 6);
    }
    assert.equal(setupReads(), first, 'later days read no setup');
    assert.ok(statements.filter((sql) => /FROM time_off/.test(sql)).length >= 4, 'appointments and time off are read every time');

    await engine.admin.addHours(avi, { weekday: 1, from: '14:00', to: '15:00' });
    const after = await provider.bookableTimes({ service: checkup, participants: 1, date: '2026-12-07' });
    assert.equal(after.length, 8, 'new hours show at once');
  });
});
