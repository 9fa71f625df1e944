import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { Booking } from '../../../src/contract/index.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { focused, press, tabTo, type, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, bookingFor, clinicCustomer, daysAhead, installFakeApi, manageViewOf, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => {
  fake?.restore();
  history.replaceState(null, '', location.pathname + location.search);
});

const toResult = (page: WidgetPage) => page.bookFirstTime(clinicCustomer);

describe('<bookwell-widget> after booking (fake API)', () => {
  it('asks for the code, says when it is wrong, sends it again, and confirms', async () => {
    let status: Booking['status'] = 'pending_code';
    fake = installFakeApi({
      book: (call) => bookingFor(call, 'pending_code'),
      confirm: (code) =>
        code === '123456'
          ? { ...bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never), status: (status = 'confirmed') }
          : { code: 'code_wrong', status: 422 },
    });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    const confirmed: string[] = [];
    el.addEventListener('bookwell-confirmed', (e) => confirmed.push(e.booking.status));
    await toResult(page);
    const input = page.root.querySelector<HTMLInputElement>('#code')!;
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    await expect(el).to.be.accessible();
    await tabTo((e) => e.id === 'code');
    await type('111111');
    await press('Enter');
    await until(() => page.root.querySelector('#code-error'), 'the wrong-code message');
    expect(page.root.querySelector('#code-error')!.textContent).to.contain('That code is not right');
    expect(input.getAttribute('aria-describedby')).to.equal('code-error');
    await tabTo((e) => e.getAttribute('part') === 'send-again');
    await press('Enter');
    await until(() => page.root.querySelector('[part="resend-note"]'), 'the send-again note');
    expect(page.text()).to.contain('06•••••678');
    await tabTo((e) => e.id === 'code', { backwards: true });
    for (let i = 0; i < 6; i++) await press('Backspace');
    await type('123456');
    await press('Enter');
    await until(() => confirmed.length > 0, 'the confirmed event');
    expect(status).to.equal('confirmed');
    expect(confirmed).to.deep.equal(['confirmed']);
    await until(() => page.text().includes('Your appointment is booked.'), 'the booked message');
  });

  it('moves the focus to the result message when the code input goes away on confirming', async () => {
    fake = installFakeApi({
      book: (call) => bookingFor(call, 'pending_code'),
      confirm: () => bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never),
    });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await toResult(page);
    await tabTo((e) => e.id === 'code');
    await type('123456');
    await press('Enter');
    await until(() => page.text().includes('Your appointment is booked.'), 'the booked message');
    await until(() => focused()?.getAttribute('part') === 'result-message', 'focus on the result message');
    expect(page.root.querySelector('#code')).to.equal(null);
  });

  it('sends the code again once per click while it is on its way, and not again before the server allows it', async () => {
    fake = installFakeApi({ book: (call) => bookingFor(call, 'pending_code'), resendAfterMs: 1500 });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await toResult(page);
    const resends = () => fake.calls.filter((c) => /\/code$/.test(c.path)).length;
    const sendAgain = () => page.root.querySelector<HTMLButtonElement>('[part="send-again"]')!;
    expect(sendAgain().getAttribute('aria-disabled')).to.equal('false');
    sendAgain().click();
    await el.updateComplete;
    expect(sendAgain().getAttribute('aria-disabled')).to.equal('true');
    sendAgain().click();
    await until(() => page.root.querySelector('[part="resend-note"]'), 'the send-again note');
    expect(sendAgain().getAttribute('aria-disabled')).to.equal('true');
    sendAgain().click();
    await new Promise((r) => setTimeout(r, 100));
    expect(resends()).to.equal(1);
    await until(() => sendAgain().getAttribute('aria-disabled') === 'false', 'the button offered again', 3000);
    sendAgain().click();
    await until(() => resends() === 2, 'the second code');
  });

  it('still asks for the code after the page is reloaded (not in another widget of the same page), and forgets it on starting over', async () => {
    fake = installFakeApi({
      book: (call) => bookingFor(call, 'pending_code'),
      confirm: () => bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never),
    });
    const mount = () =>
      fixture<BookwellWidget>(
        html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
      );
    await toResult(new WidgetPage(await mount()));
    const sameLoad = new WidgetPage(await mount());
    await sameLoad.reach('when');
    sameLoad.el.remove();
    // What a reload leaves behind: the entry written by an earlier load of the page.
    const key = `bookwell:${api}:demo-clinic:awaiting-code`;
    sessionStorage.setItem(key, JSON.stringify({ ...JSON.parse(sessionStorage.getItem(key)!), page: 'an earlier load' }));
    const reloaded = new WidgetPage(await mount());
    await reloaded.reach('result');
    expect(reloaded.root.querySelector('#code')).to.not.equal(null);
    expect(reloaded.root.querySelector('[part="start-over"]') === null, 'no "Book another" while the booking waits for its code').to.equal(true);
    reloaded.root.querySelector<HTMLInputElement>('#code')!.value = '123456';
    reloaded.root.querySelector<HTMLButtonElement>('[part="confirm"]')!.click();
    await until(() => reloaded.root.querySelector('[part="start-over"]'), 'the confirmed result');
    const again = new WidgetPage(await mount());
    await again.reach('when');
  });

  it('says a pending_approval booking waits for the business', async () => {
    fake = installFakeApi({ book: (call) => bookingFor(call, 'pending_approval') });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="nl" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await toResult(page);
    expect(page.text()).to.contain('Nog niet geboekt: het bedrijf bekijkt je aanvraag');
  });

  it('offers the calendar file and the Google and Outlook links with the result, from the booking answer alone', async () => {
    fake = installFakeApi();
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await toResult(page);
    // Read in the render that shows the result: the links come with it, not after another call.
    await until(() => page.root.querySelector('[part~="result-message"]'), 'the result');
    const links = page.root.querySelectorAll<HTMLAnchorElement>('[part="calendar-links"] a');
    expect([...links].map((a) => a.textContent)).to.deep.equal(['Download (.ics)', 'Google Calendar', 'Outlook']);
    expect(links[0]!.href).to.equal('data:text/calendar;charset=utf-8,BEGIN%3AVCALENDAR%0D%0AVERSION%3A2.0%0D%0AEND%3AVCALENDAR%0D%0A');
    expect(links[0]!.getAttribute('download')).to.equal('appointment.ics');
    expect(links[1]!.href).to.contain('calendar.google.com');
    expect(links[2]!.href).to.contain('outlook.live.com');
    expect(fake.calls.filter((c) => c.path.startsWith('/v1/manage'))).to.deep.equal([], 'no manage call, so no token travels for it');
  });

  it('opens the manage view from the page address, answers attendance and cancels', async () => {
    let view = manageViewOf(bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never));
    fake = installFakeApi({ manage: () => view });
    history.replaceState(null, '', '#bookwell-manage=manage-token-1');
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en"></bookwell-widget>`);
    const page = new WidgetPage(el);
    const events: string[] = [];
    el.addEventListener('bookwell-attendance', (e) => events.push(`attendance:${e.attendance}`));
    el.addEventListener('bookwell-cancelled', (e) => events.push(`cancelled:${e.bookingId}`));
    await until(() => page.text().includes('Are you coming?'), 'the attendance question');
    await expect(el).to.be.accessible();
    view = { ...view, booking: { ...view.booking, attendance: 'yes' } };
    await tabTo((e) => e.textContent?.trim() === 'Yes, I am coming');
    await press('Enter');
    await until(() => page.text().includes('we expect you'), 'the thanks');
    expect(fake.calls.find((c) => c.method === 'POST' && c.path === '/v1/manage')!.body).to.deep.equal({ attendance: 'yes' });
    await tabTo((e) => e.getAttribute('part') === 'cancel');
    await press('Enter');
    view = {
      ...view,
      booking: { ...view.booking, status: 'cancelled' },
      cancel: { allowed: false, reason: 'cancelled' },
      attendance: { allowed: false, reason: 'cancelled' },
    };
    await tabTo((e) => e.getAttribute('part') === 'cancel-confirm');
    await press('Enter');
    await until(() => page.text().includes('Cancelled'), 'the cancelled state');
    expect(fake.calls.some((c) => c.method === 'DELETE')).to.equal(true);
    expect(events).to.deep.equal(['attendance:yes', 'cancelled:bk1']);
  });

  it('keeps the focus when cancelling: on the confirm button once asked, on the new state once cancelled', async () => {
    let view = manageViewOf(bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never));
    fake = installFakeApi({ manage: () => view });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" manage="manage-token-1"></bookwell-widget>`,
    );
    await tabTo((e) => e.getAttribute('part') === 'cancel');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'cancel-confirm', 'focus on the confirm button');
    view = {
      ...view,
      booking: { ...view.booking, status: 'cancelled' },
      cancel: { allowed: false, reason: 'cancelled' },
      attendance: { allowed: false, reason: 'cancelled' },
    };
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'status', 'focus on the appointment state');
    expect(focused()!.textContent).to.contain('Cancelled');
    await expect(el).to.be.accessible();
  });

  it('says a refused cancel once, as an alert naming why, not again in the live region', async () => {
    fake = installFakeApi({
      manage: () => manageViewOf(bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never)),
      manageRefusal: 'cancel_not_allowed',
    });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" manage="manage-token-1"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await tabTo((e) => e.getAttribute('part') === 'cancel');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'cancel-confirm', 'the confirm button');
    await press('Enter');
    const alert = await until(() => page.root.querySelector('[role="alert"]'), 'the refusal');
    expect(alert.textContent).to.contain('can no longer be cancelled online');
    await new Promise((r) => setTimeout(r, 150));
    expect(page.live()).to.not.contain('cancelled online');
  });

  it('says a mangled manage link in the page address is not valid', async () => {
    fake = installFakeApi();
    history.replaceState(null, '', '#bookwell-manage=%E0%A4%A');
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en"></bookwell-widget>`);
    const page = new WidgetPage(el);
    await until(() => page.text().includes('This link is not valid.'), 'the invalid-link message');
    expect(fake.calls.some((c) => c.path.startsWith('/v1/manage'))).to.equal(false);
  });

  it('offers the booking flow with its services once the manage link leaves the page address', async () => {
    fake = installFakeApi({ manage: () => manageViewOf(bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never)) });
    history.replaceState(null, '', '#bookwell-manage=manage-token-1');
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en"></bookwell-widget>`);
    const page = new WidgetPage(el);
    await until(() => page.text().includes('Are you coming?'), 'the manage view');
    expect(fake.calls.some((c) => c.path === '/v1/catalog')).to.equal(false);
    history.replaceState(null, '', '#prices');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await page.reach('service');
    expect(page.root.querySelectorAll('[part="option"]')).to.have.length(2);
    expect(page.text()).to.contain('Checkup');
  });

  it('says why cancelling is not offered', async () => {
    fake = installFakeApi({
      manage: () => manageViewOf(bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never), { cancel: { allowed: false, reason: 'too_late' } }),
    });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" manage="manage-token-1"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await until(() => page.text().includes('too late to cancel online'), 'the refusal');
    expect(page.root.querySelector('[part="cancel"]')).to.equal(null);
  });
});

describe('registration', () => {
  it('survives the code being loaded twice', async () => {
    const again = `../../../src/widget/define.ts?again=${Date.now()}`;
    await import(/* @vite-ignore */ again);
    expect(customElements.get('bookwell-widget')).to.not.equal(undefined);
  });
});
