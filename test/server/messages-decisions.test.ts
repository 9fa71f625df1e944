/** A business approves or declines from the links in its mail: a confirm page, one use, expiring, not guessable. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/server/clock.ts';
import type { Database } from '../../src/server/db/database.ts';
import { openTestDatabase } from './helpers/engine.ts';
import { backendOn, book, messageSite, seedClinic, sent } from './helpers/messages.ts';
import { manageInit } from './helpers/manage.ts';

let db: Database;
before(async () => {
  db = await openTestDatabase();
});
after(() => db.close());

async function approvalClinic() {
  const clock = fixedClock('2026-12-01T06:00:00Z');
  const { id, service } = await seedClinic(backendOn(db, [], clock).engine);
  const b = backendOn(db, [messageSite(id, { confirmation: 'approval', locale: 'en' })], clock);
  return { clock, b, site: id, service };
}

async function decisionLinks(site: string) {
  const mail = (await sent(db, site)).find((e) => e.kind === 'business_approval' && e.to.email)!;
  const approve = /Approve: (\S+)/.exec(mail.text)![1]!;
  const decline = /Decline: (\S+)/.exec(mail.text)![1]!;
  return { approve: new URL(approve).pathname, decline: new URL(decline).pathname, mail };
}

describe('approve and decline links', () => {
  it('decline: the link shows a confirm page, its button declines once, and the customer is told', async () => {
    const { b, site, service } = await approvalClinic();
    const booking = await book(b, site, service, '2026-12-03');
    assert.equal(booking.status, 'pending_approval');
    await b.rt.messages.runDue();
    assert.deepEqual(
      (await sent(db, site)).map((e) => e.kind),
      ['awaiting_approval', 'awaiting_approval', 'business_approval', 'business_approval'],
    );
    const { approve, decline, mail } = await decisionLinks(site);
    assert.ok(mail.html!.includes(`href="https://book.example${decline}"`), 'the HTML mail has the link as a button');
    assert.ok(mail.html!.includes('Clinic &lt;Dr. Levi&gt;') && !mail.html!.includes('<Dr. Levi>'), 'the business name is escaped');

    const page = await b.app.request(decline);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<form method="post" action="https:\/\/book\.example\/decide\/[A-Za-z0-9_-]{43}"><button/);
    const status = async () =>
      ((await (await b.app.request('/v1/manage', manageInit(booking.manage))).json()) as { booking: { status: string } }).booking.status;
    assert.equal(await status(), 'pending_approval', 'opening the link (a mail scanner does) changes nothing');

    const done = await b.app.request(decline, { method: 'POST' });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Declined/);
    assert.equal(await status(), 'cancelled');
    assert.equal((await b.app.request(decline, { method: 'POST' })).status, 410, 'used twice');
    assert.equal((await b.app.request(approve, { method: 'POST' })).status, 410, 'the other link of the booking is spent too');
    assert.equal(await status(), 'cancelled');

    await b.rt.messages.runDue();
    const declined = (await sent(db, site)).filter((e) => e.kind === 'declined');
    assert.equal(declined.length, 2);
    assert.match(declined[0]!.text, /לא יכולים לקבל את הבקשה שלך/, 'in the Hebrew the customer booked in');
    assert.match(declined[0]!.text, /03-5550000/, 'with the phone to call');
  });

  it('approve confirms the booking and tells the customer; an altered or expired link is refused', async () => {
    const { clock, b, site, service } = await approvalClinic();
    const booking = await book(b, site, service, '2026-12-03');
    await b.rt.messages.runDue();
    const { approve } = await decisionLinks(site);
    const altered = approve.slice(0, -1) + (approve.endsWith('A') ? 'B' : 'A');
    assert.equal((await b.app.request(altered)).status, 400);
    assert.equal((await b.app.request(altered, { method: 'POST' })).status, 400);
    assert.equal((await b.app.request('/decide/not-a-token', { method: 'POST' })).status, 400);

    assert.equal((await b.app.request(approve, { method: 'POST' })).status, 200);
    await b.rt.messages.runDue();
    const kinds = (await sent(db, site)).map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === 'approved').length, 2);

    const second = await book(b, site, service, '2026-12-03', { firstName: 'Eli', lastName: 'Cohen', cell: '0527654321' });
    await b.rt.messages.runDue();
    const links = (await sent(db, site)).filter((e) => e.kind === 'business_approval' && e.to.email);
    const late = new URL(/Approve: (\S+)/.exec(links.at(-1)!.text)![1]!).pathname;
    clock.set(second.start); // the appointment has begun: too late to decide
    assert.equal((await b.app.request(late)).status, 410);
    assert.equal((await b.app.request(late, { method: 'POST' })).status, 410);
    assert.equal(booking.status, 'pending_approval', 'the first booking was waiting before its approval');
  });
});
