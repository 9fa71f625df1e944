/** demo-studio on the real backend: English, group slots, confirmation by code; keyboard only. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, press, tabTo, type, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { appointment, backend, bookAsSomeoneElse, freeTimes, idOf, outboxCode, outboxMessageFor } from './backend.ts';
import { clockTime } from '../../../src/widget/format.ts';
import { book, chooseFirstFreeDate, chooseTime, fillDetails } from './steps.ts';

const customer = { firstName: 'Anna', lastName: 'Bakker', cell: '06 12345678', email: 'anna@example.nl' };

async function mount(api: string) {
  const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-studio" api=${api} lang="en"></bookwell-widget>`);
  const page = new WidgetPage(el);
  await page.reach('service', 30_000);
  return page;
}

describe('e2e: demo-studio in English', () => {
  it('books a group slot for 3 participants by keyboard, confirms the code, and the backend counts the places', async function () {
    this.timeout(90_000);
    const api = await backend();
    const page = await mount(api);
    const events: string[] = [];
    page.el.addEventListener('bookwell-confirmed', (e) => events.push(`confirmed:${e.booking.status}`));

    await tabTo(byText('Yoga flow'));
    await press('Enter');
    await page.reach('participants');
    await tabTo((el) => el.id === 'participants');
    await press('Backspace');
    await type('3');
    await press('Enter');
    await page.reach('when');
    const date = await chooseFirstFreeDate(page);
    const yoga = await idOf(api, 'demo-studio', 'services', 'Yoga flow');
    const [first] = await freeTimes(api, 'demo-studio', { service: yoga, participants: '3', date });
    expect(first!.placesLeft).to.be.at.least(3);
    await chooseTime(page);
    expect(page.chosenTime!.start).to.equal(first!.start);
    await fillDetails(page, customer);
    const bookedAt = new Date(Date.now() - 1000).toISOString();
    await book(page);
    await page.reach('result', 30_000);
    expect(page.booking!.status).to.equal('pending_code');
    await expect(page.el).to.be.accessible();

    // A wrong code is refused in words, then the code from the outbox confirms.
    await tabTo((el) => el.id === 'code');
    await type('000000');
    await press('Enter');
    await until(() => page.root.querySelector('#code-error'), 'the wrong-code message');
    expect(page.root.querySelector('#code')!.getAttribute('aria-invalid')).to.equal('true');
    const code = await outboxCode(api, 'demo-studio', customer.email, bookedAt);
    expect(code).to.match(/^\d{6}$/);
    await tabTo((el) => el.id === 'code');
    for (let i = 0; i < 6; i++) await press('Backspace');
    await type(code!);
    await press('Enter');
    await until(() => page.booking!.status === 'confirmed', 'the confirmed booking');
    expect(events).to.deep.equal(['confirmed:confirmed']);
    await until(() => page.root.querySelector('[part="calendar-links"] a[href^="data:text/calendar"]'), 'the calendar links');
    await expect(page.el).to.be.accessible();

    const kept = await appointment(api, (await outboxMessageFor(api, 'demo-studio', 'booked', bookedAt, page.booking!.id)).manage);
    expect(kept.booking.id).to.equal(page.booking!.id);
    expect(kept.booking.status).to.equal('confirmed');
    expect(kept.booking.participants).to.equal(3);
    const after = await freeTimes(api, 'demo-studio', { service: yoga, participants: '1', date });
    const same = after.find((t) => Date.parse(t.start) === Date.parse(first!.start));
    expect(same?.placesLeft).to.equal(first!.placesLeft! - 3);
  });

  it('brings the customer back to fresh times when someone else takes the slot before they book', async function () {
    this.timeout(90_000);
    const api = await backend({ name: 'slot-taken' });
    const page = await mount(api);
    await tabTo(byText('Private session'));
    await press('Enter');
    await page.reach('staff');
    await tabTo(byText('Sanne de Vries'));
    await press('Enter');
    const date = await chooseFirstFreeDate(page);
    await chooseTime(page);
    const chosen = page.chosenTime!;
    await fillDetails(page, customer);

    const [service, staff] = [
      await idOf(api, 'demo-studio', 'services', 'Private session'),
      await idOf(api, 'demo-studio', 'staff', 'Sanne de Vries'),
    ];
    const other = await bookAsSomeoneElse({ api, site: 'demo-studio', service, staff, date, start: chosen.start });
    expect(other.booking, JSON.stringify(other)).to.not.equal(undefined);

    await book(page);
    await page.reachTimes(30_000);
    expect(page.text()).to.contain('someone just booked that time');
    // The same date's fresh times (there may be none left): the taken one is not offered.
    expect(page.selectedDate()).to.equal(date);
    expect(page.times()).to.not.include(clockTime(chosen.start, 'en', 'Europe/Amsterdam'));
  });

  it('renews an expired token mid-flow without the customer noticing', async function () {
    this.timeout(90_000);
    const api = await backend({ tokenTtlSeconds: 2, name: 'short-ttl' });
    const page = await mount(api);
    await tabTo(byText('Intro talk'));
    await press('Enter');
    await page.reach('when');
    await new Promise((r) => setTimeout(r, 2500));
    const date = await chooseFirstFreeDate(page);
    expect(date).to.match(/^\d{4}-\d{2}-\d{2}$/);
    await chooseTime(page);
    await fillDetails(page, customer);
    await new Promise((r) => setTimeout(r, 2500));
    await book(page);
    await page.reach('result', 30_000);
    expect(page.root.querySelector('[part="error"]')).to.equal(null);
    expect(page.booking!.status).to.equal('pending_code');
  });
});
