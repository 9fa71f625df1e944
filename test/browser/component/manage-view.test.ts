import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { Booking, ManageView } from '../../../src/contract/index.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { focused, press, tabTo, type, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, bookingFor, daysAhead, installFakeApi, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => {
  fake?.restore();
  history.replaceState(null, '', location.pathname + location.search);
});

function viewOf(overrides: Partial<ManageView> = {}): ManageView {
  const booking: Booking = bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never);
  return {
    booking,
    site: { name: 'Demo Clinic', phone: '03-555-0100', address: 'Herzl 10, Tel Aviv', timezone: 'Asia/Jerusalem', locale: 'he' },
    cancel: { allowed: true },
    attendance: { allowed: true },
    cancelUntil: null,
    calendar: { file: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', google: 'https://calendar.google.com/x', outlook: 'https://outlook.live.com/x' },
    ...overrides,
  };
}

const mount = () =>
  fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" manage="manage-token-1"></bookwell-widget>`);

describe('<bookwell-widget> manage view (fake API)', () => {
  it('shows the business, and asks before a destructive cancel with "Keep my appointment" beside it', async () => {
    fake = installFakeApi({ manage: () => viewOf() });
    const el = await mount();
    const page = new WidgetPage(el);
    await until(() => page.root.querySelector('[part~="cancel"]'), 'the cancel button');
    expect(page.root.querySelector('[part~="business-name"]')!.textContent).to.equal('Demo Clinic');
    expect(page.root.querySelector<HTMLAnchorElement>('[part~="business-phone"]')!.href).to.equal('tel:035550100');
    expect(page.root.querySelector('[part~="cancel"]')!.classList.contains('danger-outline')).to.equal(true);
    await tabTo((e) => e.getAttribute('part') === 'cancel');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'cancel-confirm', 'the confirm button');
    expect(focused()!.classList.contains('danger')).to.equal(true);
    expect(page.root.querySelector('[part~="cancel-question"]')!.textContent).to.contain('Cancel this appointment?');
    await expect(el).to.be.accessible();
    await tabTo((e) => e.getAttribute('part') === 'keep');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'cancel', 'the focus back on cancel');
    expect(page.root.querySelector('[part~="cancel-confirm"]') === null).to.equal(true);
    expect(fake.calls.some((c) => c.method === 'DELETE')).to.equal(false);
  });

  it('names the phone to call when cancelling online is refused', async () => {
    fake = installFakeApi({ manage: () => viewOf({ cancel: { allowed: false, reason: 'too_late' } }) });
    const page = new WidgetPage(await mount());
    const refused = await until(() => page.root.querySelector('[part~="cancel-refused"]'), 'the refusal');
    expect(refused.textContent).to.contain('too late to cancel online');
    expect(refused.querySelector<HTMLAnchorElement>('a[part~="refusal-phone"]')!.href).to.equal('tel:035550100');
    expect(refused.textContent).to.contain('03-555-0100');
  });

  it("switches a cancelled appointment's link off, sending the token in a header only", async () => {
    const cancelled = viewOf({ cancel: { allowed: false, reason: 'cancelled' }, attendance: { allowed: false, reason: 'cancelled' } });
    fake = installFakeApi({
      manage: () => ({ ...cancelled, booking: { ...cancelled.booking, status: 'cancelled' } }),
      revoke: () => ({ revoked: true }),
    });
    const el = await mount();
    const page = new WidgetPage(el);
    await tabTo((e) => e.getAttribute('part') === 'revoke');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'link-revoked', 'the focus on "switched off"');
    expect(focused()!.textContent).to.contain('switched off');
    const call = fake.calls.find((c) => c.path === '/v1/manage/link')!;
    expect(call.method).to.equal('DELETE');
    expect(call.headers.get('authorization')).to.equal('Bookwell-Manage manage-token-1');
    expect(page.root.querySelector('[part~="revoke"]') === null).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('confirms a booking waiting for its code with its link: wrong code said, code sent again, then confirmed', async () => {
    const waiting = viewOf({ cancel: { allowed: false, reason: 'pending' }, attendance: { allowed: false, reason: 'pending' } });
    const confirmed = viewOf();
    fake = installFakeApi({
      manage: () => ({ ...waiting, booking: { ...waiting.booking, status: 'pending_code' } }),
      manageConfirm: (code) => (code === '123456' ? confirmed : { code: 'code_wrong', status: 422 }),
    });
    const el = await mount();
    const events: string[] = [];
    el.addEventListener('bookwell-confirmed', (e) => events.push(`confirmed:${e.booking.id}`));
    const page = new WidgetPage(el);
    const input = await until(() => page.root.querySelector<HTMLInputElement>('input#code'), 'the code field');
    expect(page.root.querySelector('label[for="code"]')!.textContent).to.equal('Confirmation code');
    expect(page.root.querySelector('[part~="cancel-refused"]')).to.equal(null, 'the code is what to do, not a refusal');
    await expect(el).to.be.accessible();

    await tabTo((e) => e === input);
    await type('111111');
    await press('Enter');
    const error = await until(() => page.root.querySelector('#code-error'), 'the wrong code said');
    expect(error.textContent).to.contain('That code is not right');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('code-error');
    await until(() => page.root.querySelector('[role="status"]')!.textContent!.includes('That code is not right'), 'announced');

    await tabTo((e) => e.getAttribute('part') === 'send-again');
    await press('Enter');
    await until(() => page.root.querySelector('[part~="resend-note"]'), 'the code sent again');
    expect(page.root.querySelector('[part~="resend-note"]')!.textContent).to.contain('A new code is on its way to d•••@example.com.');

    input.value = '';
    await tabTo((e) => e === input);
    await type('123456');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'status', 'the focus on the new state');
    expect(focused()!.textContent).to.equal('Confirmed');
    await until(() => page.text().includes('Are you coming?'), 'now it may be answered');
    expect(page.root.querySelector('input#code')).to.equal(null);
    const linkCalls = fake.calls.filter((c) => c.path === '/v1/manage/confirm' || c.path === '/v1/manage/code');
    expect(linkCalls.map((c) => `${c.method} ${c.path} ${c.body?.code ?? ''}`)).to.deep.equal([
      'POST /v1/manage/confirm 111111',
      'POST /v1/manage/code ',
      'POST /v1/manage/confirm 123456',
    ]);
    expect(linkCalls.every((c) => c.headers.get('authorization') === 'Bookwell-Manage manage-token-1')).to.equal(true);
    expect(fake.calls.some((c) => c.path.startsWith('/v1/bookings'))).to.equal(false, 'the link names the booking, no session call');
    expect(events).to.deep.equal(['confirmed:bk1']);
    await expect(el).to.be.accessible();
  });

  for (const [answer, label, thanks] of [
    ['yes', 'Yes, I am coming', 'Thank you, we expect you.'],
    ['no', 'No, I cannot come', 'Thank you for letting us know.'],
  ] as const) {
    it(`opens a reminder's "${answer}" link with that answer ready: one press sends it`, async () => {
      let view = viewOf();
      fake = installFakeApi({
        manage: (call) => (call.method === 'POST' ? (view = { ...view, booking: { ...view.booking, attendance: call.body.attendance } }) : view),
      });
      history.replaceState(null, '', `#bookwell-manage=manage-token-1&bookwell-answer=${answer}`);
      const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en"></bookwell-widget>`);
      const page = new WidgetPage(el);
      const ready = await until(() => focused()?.getAttribute('part') === 'ready-answer' && focused(), 'the answer ready, with the focus', 15_000);
      expect(ready.textContent).to.equal(label);
      expect(ready.classList.contains('primary')).to.equal(true);
      expect(page.root.querySelectorAll('.primary').length).to.equal(1, 'one clear button to press');
      expect(page.root.querySelector('#ready-note')!.textContent).to.contain(`press “${label}” to send it`);
      expect(ready.getAttribute('aria-describedby')).to.equal('ready-note');
      const answers = () => fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/v1/manage'));
      expect(answers()).to.deep.equal([], 'opening the link sends nothing (mail scanners open links)');
      await expect(el).to.be.accessible();

      await press('Enter');
      await until(() => page.text().includes(thanks), 'the thanks');
      const posts = answers();
      expect(posts.map((c) => [c.path, c.body])).to.deep.equal([['/v1/manage', { attendance: answer }]]);
      expect(posts[0]!.headers.get('authorization')).to.equal('Bookwell-Manage manage-token-1');
      expect(page.root.querySelector('[part~="ready-answer"]')).to.equal(null, 'sent: no longer offered');
      expect(page.root.querySelector(`button[aria-pressed="true"]`)!.textContent).to.equal(label);
    });
  }

  it('offers nothing ready when the appointment already has that answer', async () => {
    const view = viewOf();
    fake = installFakeApi({ manage: () => ({ ...view, booking: { ...view.booking, attendance: 'yes' } }) });
    history.replaceState(null, '', '#bookwell-manage=manage-token-1&bookwell-answer=yes');
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en"></bookwell-widget>`);
    const page = new WidgetPage(el);
    await until(() => page.text().includes('Thank you, we expect you.'), 'the answer given');
    expect(page.root.querySelector('[part~="ready-answer"]')).to.equal(null);
  });
});
