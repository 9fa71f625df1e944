import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, focused, press, tabTo, type, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, bookingFor, clinicCustomer, daysAhead, installFakeApi, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => fake?.restore());

async function mount(attrs: Partial<Record<'lang' | 'service' | 'staff' | 'branch', string>> = {}) {
  const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang=${attrs.lang ?? 'en'}
    service=${attrs.service ?? ''} staff=${attrs.staff ?? ''} branch=${attrs.branch ?? ''}></bookwell-widget>`);
  return new WidgetPage(el);
}

describe('<bookwell-widget> booking flow (fake API)', () => {
  it('books by keyboard from service to result, announcing and firing events, accessible at every step', async () => {
    fake = installFakeApi();
    const page = await mount();
    const events: string[] = [];
    for (const name of ['bookwell-step', 'bookwell-date', 'bookwell-time', 'bookwell-submit', 'bookwell-booked'] as const) {
      page.el.addEventListener(name, (e) => events.push(`${e.type}:${'step' in e ? e.step : 'date' in e ? e.date : ''}`));
    }
    await page.reach('service');
    await expect(page.el).to.be.accessible();
    await tabTo(byText('Checkup'));
    await press('Enter');
    await page.reach('staff');
    page.expectHeadingFocused();
    await expect(page.el).to.be.accessible();
    await tabTo(byText('Any available'));
    await press('Enter');
    await page.reach('branch');
    await expect(page.el).to.be.accessible();
    await tabTo(byText('South'));
    await press('Space');
    await page.reach('when');
    const days = await page.availableDays();
    expect(days).to.deep.equal([daysAhead(3), daysAhead(4)].filter((d) => d.slice(0, 7) === days[0]?.slice(0, 7)));
    await expect(page.el).to.be.accessible();
    await tabTo((el) => el.getAttribute('data-date') === days[0]);
    await press('Enter');
    await page.reachTimes();
    expect(page.times()).to.have.length(4);
    await expect(page.el).to.be.accessible();
    await tabTo(byText(/(^|\s)2:00\sPM/));
    await press('Enter');
    await page.reach('details');
    await expect(page.el).to.be.accessible();
    await tabTo((el) => el.id === 'field-firstName');
    await type('Dana');
    await press('Tab');
    await type('Levi');
    await press('Tab');
    await type('050-1234567');
    await press('Tab');
    await press('Tab'); // email is optional
    await type('000000018');
    await press('Enter');
    await page.reach('result');
    expect(page.text()).to.contain('Your appointment is booked.');
    await until(() => page.live().includes('booked'), 'the booked announcement');
    await expect(page.el).to.be.accessible();
    const booking = fake.calls.find((c) => c.path === '/v1/bookings')!;
    expect(booking.body.customer).to.deep.equal({ firstName: 'Dana', lastName: 'Levi', cell: '050-1234567', idNumber: '000000018' });
    expect(booking.body.ref).to.equal(`ref-${days[0]}-2`);
    expect(booking.headers.get('idempotency-key')).to.match(/^[A-Za-z0-9_-]{8,128}$/);
    expect(events).to.deep.equal([
      'bookwell-step:staff',
      'bookwell-step:branch',
      'bookwell-step:when',
      `bookwell-date:${days[0]}`,
      'bookwell-time:',
      'bookwell-step:details',
      'bookwell-submit:',
      'bookwell-booked:',
      'bookwell-step:result',
    ]);
  });

  it('skips preset steps and keeps every choice when going back', async () => {
    fake = installFakeApi();
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await page.reach('when');
    const [first] = await page.availableDays();
    page.day(first!).click();
    await page.reachTimes();
    page.root.querySelectorAll<HTMLButtonElement>('[part~="time"]')[1]!.click();
    await page.reach('details');
    page.root.querySelector<HTMLButtonElement>('[part="back"]')!.click();
    await page.reachTimes();
    expect(page.root.querySelector('[part~="time"][aria-pressed="true"]')?.textContent).to.contain('9:30');
    expect(page.day(first!).getAttribute('aria-pressed')).to.equal('true');
    expect(page.root.querySelector('[part="back"]')).to.equal(null);
    const query = fake.calls.find((c) => c.path === '/v1/availability/times')!.query;
    expect(Object.fromEntries(query)).to.deep.include({ service: 'checkup', staff: 'eli', branch: 'north', participants: '1' });
  });

  it('validates details as the customer types, in their language, tied to the field', async () => {
    fake = installFakeApi();
    const page = await mount({ lang: 'he', service: 'checkup', staff: 'eli', branch: 'north' });
    await page.reach('when');
    page.day((await page.availableDays())[0]!).click();
    await page.reachTimes();
    page.root.querySelector<HTMLButtonElement>('[part~="time"]')!.click();
    await page.reach('details');
    expect(page.root.querySelector('.base')!.getAttribute('dir')).to.equal('rtl');
    page.field('idNumber').focus();
    await type('123456789');
    await press('Tab');
    await page.el.updateComplete;
    const id = page.field('idNumber');
    expect(id.getAttribute('aria-invalid')).to.equal('true');
    const error = page.root.getElementById(id.getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.contain('תעודת הזהות');
    id.focus();
    await press('Backspace');
    await type('2');
    await page.el.updateComplete;
    expect(id.getAttribute('aria-invalid')).to.equal('false');
    page.root.querySelector<HTMLButtonElement>('[part="book"]')!.click();
    await page.el.updateComplete;
    await until(() => focused()?.id === 'field-firstName', 'focus on the first wrong field');
    expect(page.field('firstName').getAttribute('aria-invalid')).to.equal('true');
    await expect(page.el).to.be.accessible();
  });

  it('marks a required notes field as required, like the inputs', async () => {
    fake = installFakeApi({ site: { customerFields: [{ name: 'notes', required: true }] } });
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await page.reach('when');
    page.day((await page.availableDays())[0]!).click();
    await page.reachTimes();
    page.root.querySelector<HTMLButtonElement>('[part~="time"]')!.click();
    await page.reach('details');
    const notes = page.root.querySelector<HTMLTextAreaElement>('textarea#field-notes')!;
    expect(notes.required).to.equal(true);
    expect(notes.getAttribute('aria-required')).to.equal('true');
    expect(page.field('firstName').getAttribute('aria-required')).to.equal('true');
  });

  it("gives the phone example of the business's country, whatever the language", async () => {
    fake = installFakeApi({ site: { country: 'NL', timezone: 'Europe/Amsterdam' } });
    const page = await mount({ lang: 'he', service: 'checkup', staff: 'eli', branch: 'north' });
    await page.reach('when');
    page.day((await page.availableDays())[0]!).click();
    await page.reachTimes();
    page.root.querySelector<HTMLButtonElement>('[part~="time"]')!.click();
    await page.reach('details');
    page.field('cell').focus();
    await type('123');
    await press('Tab');
    await page.el.updateComplete;
    const error = page.root.getElementById(page.field('cell').getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.contain('נא להזין מספר נייד').and.contain('06 12345678').and.not.contain('050');
  });

  it('changes language in place, keeping the step and the choices', async () => {
    fake = installFakeApi();
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await page.reach('when');
    expect(page.heading()).to.equal('Choose a date and time');
    page.el.lang = 'fr';
    await until(() => page.heading() === 'Choisissez une date et une heure', 'the French heading');
    expect(page.step).to.equal('when');
    page.el.lang = 'he';
    await until(() => page.heading() === 'בחירת מועד', 'the Hebrew heading');
    expect(page.root.querySelector('.base')!.getAttribute('dir')).to.equal('rtl');
  });

  it('is accessible in the dark theme', async () => {
    fake = installFakeApi();
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" theme="dark"></bookwell-widget>`);
    const page = new WidgetPage(el);
    await page.reach('service');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(23, 23, 28)');
    await expect(el).to.be.accessible();
  });

  it('follows a dark system with theme="auto", and stays light with theme="light"', async () => {
    fake = installFakeApi();
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const auto = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" theme="auto"></bookwell-widget>`);
      expect(getComputedStyle(auto).backgroundColor).to.equal('rgb(23, 23, 28)');
      const light = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" theme="light"></bookwell-widget>`);
      expect(getComputedStyle(light).backgroundColor).to.equal('rgb(255, 255, 255)');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('uses the site language when lang is absent', async () => {
    fake = installFakeApi();
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api}></bookwell-widget>`);
    const page = new WidgetPage(el);
    await page.reach('service');
    expect(page.heading()).to.equal('בחירת שירות');
  });

  it('asks for participants on group slots and sends them', async () => {
    fake = installFakeApi();
    const page = await mount({ service: 'class' });
    await page.reach('participants');
    await expect(page.el).to.be.accessible();
    const input = page.root.querySelector<HTMLInputElement>('#participants')!;
    input.focus();
    input.select();
    await type('9');
    await press('Enter');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(page.root.getElementById(input.getAttribute('aria-describedby')!)!.textContent).to.equal('From 1 to 8');
    expect(page.step).to.equal('participants');
    input.select();
    await type('3');
    await press('Enter');
    await page.reach('when');
    await page.availableDays();
    expect(
      fake.calls
        .filter((c) => c.path === '/v1/availability/dates')
        .at(-1)!
        .query.get('participants'),
    ).to.equal('3');
  });
});

describe('<bookwell-widget> failures (fake API)', () => {
  async function toDetails(page: WidgetPage) {
    await page.chooseFirstTime();
    page.fillIn(clinicCustomer);
  }

  it('renews an expired token without the customer noticing', async () => {
    fake = installFakeApi({ expireTokens: 1 });
    // The catalog comes with the session: the month's dates are the first call the expired token meets.
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await page.reach('when');
    await until(() => page.calendar.querySelector('button[data-available]'), 'the month with its dates');
    expect(fake.calls.filter((c) => c.path === '/v1/session')).to.have.length(2);
    expect(page.root.querySelector('[part="error"]')).to.equal(null);
  });

  it('brings the customer back to fresh times of the same date when the slot was taken', async () => {
    fake = installFakeApi({ book: () => ({ code: 'slot_taken', status: 409 }) });
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    const failedCodes: string[] = [];
    page.el.addEventListener('bookwell-failed', (e) => failedCodes.push(e.code));
    await toDetails(page);
    const timesLoads = fake.calls.filter((c) => c.path === '/v1/availability/times').length;
    page.root.querySelector<HTMLButtonElement>('[part="book"]')!.click();
    await page.reachTimes();
    expect(page.text()).to.contain('someone just booked that time');
    expect(fake.calls.filter((c) => c.path === '/v1/availability/times').length).to.equal(timesLoads + 1);
    expect(failedCodes).to.deep.equal(['slot_taken']);
  });

  it('brings the customer back to a detail the server refused, marked and focused, and books once it is changed', async () => {
    fake = installFakeApi({ book: (call, n) => (n === 1 ? { code: 'invalid_field', status: 400, field: 'customer.cell' } : bookingFor(call)) });
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    const failedCodes: string[] = [];
    page.el.addEventListener('bookwell-failed', (e) => failedCodes.push(e.code));
    await toDetails(page);
    page.root.querySelector<HTMLButtonElement>('[part="book"]')!.click();
    await until(() => focused()?.id === 'field-cell', 'focus on the refused field');
    expect(page.step).to.equal('details');
    const cell = page.field('cell');
    expect(cell.getAttribute('aria-invalid')).to.equal('true');
    expect(page.root.getElementById(cell.getAttribute('aria-describedby')!)!.textContent).to.contain('This was not accepted');
    await until(() => page.live().includes('correct the highlighted'), 'the fix-errors announcement');
    expect(failedCodes).to.deep.equal(['invalid_field']);
    await expect(page.el).to.be.accessible();
    cell.select();
    await type('052-7654321');
    await press('Enter');
    await page.reach('result');
    expect(fake.calls.filter((c) => c.path === '/v1/bookings').map((c) => c.body.customer.cell)).to.deep.equal(['0501234567', '052-7654321']);
  });

  it('shows no old failure when the customer comes back to the details after a taken time', async () => {
    fake = installFakeApi({ book: (call, n) => (n === 1 ? { code: 'slot_taken', status: 409 } : bookingFor(call)) });
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await toDetails(page);
    page.root.querySelector<HTMLButtonElement>('[part="book"]')!.click();
    await page.reachTimes();
    page.root.querySelectorAll<HTMLButtonElement>('[part~="time"]')[1]!.click();
    await page.reach('details');
    expect(page.root.querySelector('[role="alert"]')?.textContent ?? 'no alert').to.equal('no alert');
  });

  it('cannot be submitted twice, and a retry after a network failure reuses the Idempotency-Key', async () => {
    fake = installFakeApi({ book: (call, n) => (n === 1 ? 'network' : bookingFor(call)), delayMs: 50 });
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await toDetails(page);
    const book = page.root.querySelector<HTMLButtonElement>('[part="book"]')!;
    book.click();
    book.click();
    await until(() => page.root.querySelector('[role="alert"]'), 'the failure message');
    expect(page.text()).to.contain('could not reach');
    expect(fake.calls.filter((c) => c.path === '/v1/bookings')).to.have.length(1);
    page.root.querySelector<HTMLButtonElement>('[part="book"]')!.click();
    await page.reach('result');
    const keys = fake.calls.filter((c) => c.path === '/v1/bookings').map((c) => c.headers.get('idempotency-key'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('says a failed booking once, as an alert, not again in the live region', async () => {
    fake = installFakeApi({ book: () => 'network' });
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await toDetails(page);
    page.root.querySelector<HTMLButtonElement>('[part="book"]')!.click();
    const alert = await until(() => page.root.querySelector('[role="alert"]'), 'the failure message');
    expect(alert.textContent).to.contain('could not reach');
    await new Promise((r) => setTimeout(r, 150));
    expect(page.live()).to.not.contain('could not reach');
  });

  it('shows a failed load with a retry that works', async () => {
    let failFirst = true;
    fake = installFakeApi({
      times: (date) => {
        if (failFirst) {
          failFirst = false;
          throw new Error('boom');
        }
        return [{ start: `${date}T10:00:00+02:00`, end: `${date}T10:30:00+02:00`, staff: null, placesLeft: null, ref: 'r' }];
      },
    });
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await page.reach('when');
    page.day((await page.availableDays())[0]!).click();
    const retry = await until(() => page.root.querySelector<HTMLButtonElement>('[part="error"] button'), 'the retry button');
    retry.click();
    await until(() => page.times().length === 1, 'the times after retry');
  });

  it('says a failed load out loud, once', async () => {
    fake = installFakeApi({
      times: () => {
        throw new Error('boom');
      },
    });
    const page = await mount({ service: 'checkup', staff: 'eli', branch: 'north' });
    await page.reach('when');
    page.day((await page.availableDays())[0]!).click();
    const alert = await until(() => page.root.querySelector('[part="error"] [role="alert"]'), 'the failure as an alert');
    expect(alert.textContent).to.contain('Something went wrong');
    await new Promise((r) => setTimeout(r, 100));
    expect(page.live()).to.not.contain('Something went wrong');
  });
});
