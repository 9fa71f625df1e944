/**
 * After booking, the way back, end to end on the real backend: book on demo-clinic in Hebrew → the outbox holds the
 * booking message with its manage link → the reminder, sent by the backend's own jobs once its time has come (the
 * backend's clock moved ahead), answers "coming" from its link with one press → on a site whose bookings wait for
 * the business, the business's Decline link cancels the booking and the customer's message says so.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { remoteUi } from '../embed/remote-ui.ts';
import { byText, press, tabTo } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import {
  appointment,
  backend,
  bookAsSomeoneElse,
  idOf,
  manageTokenIn,
  moveClock,
  outboxMessageFor,
  someFreeTime,
  type OutboxMessage,
} from './backend.ts';
import { book, chooseDateAhead, chooseTime, fillDetails } from './steps.ts';

const hour = 3_600_000;

/** Waits until an asynchronous check holds: the backend's answers, another tab's page. */
async function eventually<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The outbox's messages of `kind` since a moment, as they are now (each ask waits at most `waitMs` for one). */
const mailsOf = (api: string, site: string, kind: string, since: string, waitMs = 0) =>
  executeServerCommand<{ messages: OutboxMessage[] }, object>('bookwell-outbox-messages', { api, site, kind, since, waitMs }).then((a) => a.messages);

/** The e-mail of `kind` to `to` since a moment, once it is in the outbox (the SMS beside it says less). */
function mailTo(api: string, site: string, kind: string, since: string, to: string): Promise<OutboxMessage> {
  return eventually(async () => (await mailsOf(api, site, kind, since, 2000)).find((m) => m.to === to), `the ${kind} e-mail to ${to}`);
}

/** Opens `url` in its own tab, as a mail app would, runs `use` there, and closes it. */
async function inTab<T>(url: string, use: () => Promise<T>): Promise<T> {
  await executeServerCommand('bookwell-page-open', { url });
  try {
    return await use();
  } finally {
    await executeServerCommand('bookwell-page-close', { url });
  }
}

/** Presses the first button of a plain page in a tab (the decide page's form), once it is there; its words. */
async function pressPageButton(page: string): Promise<string> {
  const source = (() => {
    const button = document.querySelector('form button');
    if (!button) return null;
    (button as HTMLButtonElement).click();
    return button.textContent;
  }).toString();
  return eventually(
    async () => ((await executeServerCommand('bookwell-frame-ui', { page, source, args: [] })) as { value?: string }).value,
    'the button',
  );
}

describe('e2e: after booking, the way back', () => {
  it('booked in Hebrew → booking message with its link → the reminder answers "coming" → the business declines a request', async function () {
    this.timeout(240_000);
    const api = await backend({ name: 'way-back', movableClock: true });
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api}></bookwell-widget>`);
    const page = new WidgetPage(el);
    await page.reach('service', 30_000);
    await tabTo(byText('בדיקה כללית'));
    await press('Enter');
    await page.reach('staff');
    await tabTo(byText('כל מי שפנוי'));
    await press('Enter');
    await page.reach('branch');
    await tabTo(byText('סניף תל אביב'));
    await press('Enter');
    await page.reach('when');
    await chooseDateAhead(page, 'Asia/Jerusalem');
    await chooseTime(page);
    await fillDetails(page, { firstName: 'נועה', lastName: 'כהן', cell: '050-1234567', email: 'noa@example.com', idNumber: '000000018' });
    const since = new Date(Date.now() - 1000).toISOString();
    await book(page);
    await page.reach('result', 30_000);
    const booking = page.booking!;
    expect(booking.status).to.equal('confirmed');

    // The booking message, in Hebrew, with the manage link of this booking.
    const booked = await mailTo(api, 'demo-clinic', 'booked', since, 'noa@example.com');
    expect(booked.text).to.contain('שלום נועה, התור שלך נקבע.');
    const manage = manageTokenIn(booked)!;
    expect(booked.links.some((l) => l.startsWith(`${api}/manage/?site=demo-clinic#bookwell-manage=`))).to.equal(true);
    expect((await appointment(api, manage)).booking).to.include({ id: booking.id, attendance: 'unknown' });

    // A minute past the reminder's time (24 hours before the start), the backend's own jobs send it.
    expect(await mailsOf(api, 'demo-clinic', 'reminder', since)).to.deep.equal([], 'no reminder before its time');
    await moveClock(api, new Date(Date.parse(booking.start) - 24 * hour + 60_000).toISOString());
    const reminder = await mailTo(api, 'demo-clinic', 'reminder', since, 'noa@example.com');
    expect(reminder.text).to.contain('זו תזכורת לתור שלך. האם מגיעים?');
    const coming = reminder.links.find((l) => l.endsWith('&bookwell-answer=yes'))!;
    expect(coming.startsWith(`${api}/manage/?site=demo-clinic#bookwell-manage=`)).to.equal(true);
    expect((await appointment(api, manageTokenIn(reminder)!)).booking.id).to.equal(booking.id);

    // The "coming" link opens the manage page with the answer ready; nothing is sent until the one press.
    await inTab(coming, async () => {
      const ui = remoteUi({ page: coming });
      const ready = await eventually(() => ui({ kind: 'text', selector: '[part~="ready-answer"]' }), 'the answer ready');
      expect(ready).to.equal('כן, אגיע');
      expect((await appointment(api, manage)).booking.attendance).to.equal('unknown', 'opening the link sends nothing');
      expect(await ui({ kind: 'click', selector: '[part~="ready-answer"]' })).to.equal(true);
      await eventually(async () => (await appointment(api, manage)).booking.attendance === 'yes', 'the appointment reads "coming"');
      await eventually(async () => String(await ui({ kind: 'text', selector: '[part~="attendance"]' })).includes('תודה, נחכה לך.'), 'the thanks');
    });

    // A site whose bookings wait for the business (its own backend: this one's clock has moved on).
    const approvalApi = await backend({ name: 'way-back-approval', approvalSite: true });
    const service = await idOf(approvalApi, 'test-approval', 'services', 'בדיקה כללית');
    const time = await someFreeTime(approvalApi, 'test-approval', { service, participants: '1' });
    const asked = new Date(Date.now() - 1000).toISOString();
    const request = await bookAsSomeoneElse({
      api: approvalApi,
      site: 'test-approval',
      service,
      date: time.date,
      start: time.start,
      customer: { firstName: 'דנה', lastName: 'לוי', cell: '0521234567', email: 'dana@example.com', idNumber: '000000018' },
    });
    const pending = request.booking!;
    expect(pending.status).to.equal('pending_approval');
    await outboxMessageFor(approvalApi, 'test-approval', 'awaiting_approval', asked, pending.id);
    const toBusiness = await mailTo(approvalApi, 'test-approval', 'business_approval', asked, 'owner@clinic.example');
    expect(toBusiness.text).to.contain('דנה לוי מבקש/ת תור.');
    const decline = /^דחייה: (\S+)$/m.exec(toBusiness.text)![1]!;
    expect(toBusiness.links).to.include(decline);

    // Opening the link asks first (a mail scanner opening it changes nothing); its button declines.
    await inTab(decline, async () => {
      expect((await appointment(approvalApi, pending.manage)).booking.status).to.equal('pending_approval', 'opening it changes nothing');
      expect(await pressPageButton(decline)).to.equal('דחייה');
      await eventually(async () => (await appointment(approvalApi, pending.manage)).booking.status === 'cancelled', 'the request declined');
    });
    const declined = await mailTo(approvalApi, 'test-approval', 'declined', asked, 'dana@example.com');
    expect(declined.text).to.contain('שלום דנה, ').and.contain('לא יכולים לקבל את הבקשה שלך. התור לא נקבע.');
    expect(declined.text).to.contain(pending.reference);
  });
});
