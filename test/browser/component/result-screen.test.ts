import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { Booking } from '../../../src/contract/index.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, bookingFor, clinicCustomer, installFakeApi, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
let restoreClipboard: (() => void) | undefined;
afterEach(() => {
  fake?.restore();
  restoreClipboard?.();
  restoreClipboard = undefined;
  sessionStorage.clear();
});

/** A clipboard that records what was written, or refuses as a browser without permission does. */
function clipboard(refuse = false): string[] {
  const written: string[] = [];
  const own = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => (refuse ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : void written.push(text)) },
  });
  restoreClipboard = () => (own ? Object.defineProperty(navigator, 'clipboard', own) : delete (navigator as { clipboard?: unknown }).clipboard);
  return written;
}

async function booked(status: Booking['status'], lang = 'en') {
  fake = installFakeApi({
    book: (call) => bookingFor(call, status),
  });
  const el = await fixture<BookwellWidget>(
    html`<bookwell-widget site="demo-clinic" api=${api} lang=${lang} service="checkup" staff="eli" branch="north"></bookwell-widget>`,
  );
  const page = new WidgetPage(el);
  await page.bookFirstTime(clinicCustomer);
  await el.updateComplete;
  return { el, page, part: (name: string) => page.root.querySelector<HTMLElement>(`[part~="${name}"]`) };
}

describe('the result screen', () => {
  it('confirmed: says so with where it went, the reference, price, business, manage link and calendar links', async () => {
    const { el, page, part } = await booked('confirmed');
    const heading = part('heading')!;
    expect(heading.textContent).to.equal('You are booked');
    await until(() => page.root.activeElement === heading, 'the focus on the heading');
    expect(part('sent-to')!.textContent).to.contain('Confirmation sent to').and.contain('d•••@example.com and 05•••••567');
    expect(part('reference')!.textContent).to.equal('K7Q2-M9XD');
    expect(part('price')!.textContent).to.contain('200');
    expect(part('business-name')!.textContent).to.equal('Demo Clinic');
    expect(part('business-address')!.textContent).to.contain('Herzl 10, Tel Aviv');
    expect(part('business-phone')!.getAttribute('href')).to.equal('tel:035550100');
    const manage = part('manage') as HTMLAnchorElement;
    expect([manage.textContent?.trim(), manage.href]).to.deep.equal(['Manage or cancel', `${api}/m/manage-token-1`]);
    const calendar = await until(() => {
      const links = [...page.root.querySelectorAll<HTMLAnchorElement>('[part="calendar-links"] a')].map((a) => a.href);
      return links.length === 3 && links;
    }, 'the .ics, Google and Outlook links');
    expect(calendar.some((href) => href.includes('manage-token-1') && !href.startsWith(api))).to.equal(false, 'no third party gets the manage token');
    expect(part('start-over')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('copies the manage link and says "Copied", on screen and to a screen reader', async () => {
    const written = clipboard();
    const { el, page, part } = await booked('confirmed');
    part('copy-link')!.click();
    await until(() => written.length > 0, 'the link written');
    expect(written).to.deep.equal([`${api}/m/manage-token-1`]);
    await until(() => part('copy-link')!.textContent!.includes('Copied'), 'the button saying Copied');
    await until(() => page.root.querySelector('[role="status"]')!.textContent === 'Link copied.', 'the announcement');
    await expect(el).to.be.accessible();
  });

  it('shows the link to copy by hand, with the focus on it, where the browser refuses to copy', async () => {
    clipboard(true);
    const { page, part } = await booked('confirmed');
    part('copy-link')!.click();
    const input = await until(() => page.root.querySelector<HTMLInputElement>('[part="link-text"]'), 'the link to copy by hand');
    expect(input.value).to.equal(`${api}/m/manage-token-1`);
    await until(() => page.root.activeElement === input, 'the focus on the link');
  });

  it('waiting for its code: asks for it, names where it went, offers no "Book another" and no manage link yet', async () => {
    const { part, page } = await booked('pending_code');
    expect(part('heading')!.textContent).to.equal('Confirm your booking');
    expect(page.text()).to.contain('We sent a 6-digit code to d•••@example.com');
    expect(part('start-over') === null && part('manage') === null && part('calendar-links') === null).to.equal(true);
    expect(part('business-name')!.textContent).to.equal('Demo Clinic');
  });

  it('waiting for approval: says plainly it is not booked yet, keeps the way back, adds nothing to a calendar', async () => {
    const { el, part } = await booked('pending_approval');
    expect(part('heading')!.textContent).to.equal('Request sent');
    expect(part('result-message')!.textContent)
      .to.contain('Not booked yet')
      .and.contain('You will hear at \u2068d•••@example.com and 05•••••567\u2069');
    expect(part('manage')!.textContent!.trim()).to.equal('See your request');
    expect(part('calendar-links') === null).to.equal(true);
    expect(part('start-over')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('in Hebrew: right to left, its words, and numbers kept left to right', async () => {
    const { el, page, part } = await booked('confirmed', 'he');
    expect(page.root.querySelector('.base')!.getAttribute('dir')).to.equal('rtl');
    expect(part('heading')!.textContent).to.equal('התור נקבע');
    expect(part('sent-to')!.textContent).to.contain('האישור נשלח אל').and.contain('\u2068d•••@example.com ו-05•••••567\u2069');
    expect(part('manage')!.textContent!.trim()).to.equal('ניהול או ביטול');
    expect(part('business-phone')!.querySelector('span')!.getAttribute('dir')).to.equal('ltr');
    await expect(el).to.be.accessible();
  });
});
