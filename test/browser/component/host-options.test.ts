/** What the host page gives the widget: prefilled (and locked) details, campaign parameters, the data layer; the bot trap. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { focused, press, tabTo, type, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, installFakeApi, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
const host = globalThis as { dataLayer?: unknown[] };
afterEach(() => fake?.restore());

/** Up to the details of a preset service, staff member and branch, by pointer (these tests are about the details). */
async function toDetails(el: BookwellWidget): Promise<WidgetPage> {
  const page = new WidgetPage(el);
  await page.reach('when');
  await page.reachTimes();
  page.root.querySelector<HTMLButtonElement>('[part~="time"]')!.click();
  await page.reach('details');
  return page;
}

const sent = () => fake.calls.find((c) => c.path === '/v1/bookings')!.body;

describe('<bookwell-widget> host options (fake API)', () => {
  it('starts the details filled in from its attributes, focused on the first field left to fill', async () => {
    fake = installFakeApi();
    const el =
      await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="dana" branch="north"
      first-name="Dana" last-name="Levi" email="dana@example.com" phone="050-1234567" notes="Second floor"></bookwell-widget>`);
    const page = await toDetails(el);
    expect(page.field('firstName').value).to.equal('Dana');
    expect(page.field('lastName').value).to.equal('Levi');
    expect(page.field('cell').value).to.equal('050-1234567');
    expect(page.field('email').value).to.equal('dana@example.com');
    expect(page.field('firstName').readOnly).to.equal(false, 'not locked: the customer may change it');
    await until(() => focused()?.id === 'field-idNumber', 'the focus on the one field left empty');
    await type('000000018');
    await press('Enter');
    await page.reach('result');
    expect(sent().customer).to.deep.equal({
      firstName: 'Dana',
      lastName: 'Levi',
      cell: '050-1234567',
      email: 'dana@example.com',
      idNumber: '000000018',
    });
  });

  it('with nothing prefilled, focuses the first name on arriving at the details', async () => {
    fake = installFakeApi();
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="dana" branch="north"></bookwell-widget>`,
    );
    await toDetails(el);
    await until(() => focused()?.id === 'field-firstName', 'the focus on the first name');
  });

  it('shows locked fields read-only, keeps them as given, still sends them, and leaves a wrong locked value editable', async () => {
    fake = installFakeApi();
    const el =
      await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="dana" branch="north"
      first-name="Dana" last-name="Levi" email="dana@example.com" phone="12345" locked="first-name email phone"></bookwell-widget>`);
    const page = await toDetails(el);
    expect(page.field('firstName').readOnly).to.equal(true);
    expect(page.field('email').readOnly).to.equal(true);
    expect(page.field('lastName').readOnly).to.equal(false, 'not named in locked');
    expect(page.field('cell').readOnly).to.equal(false, 'a mobile number the checks refuse is left for the customer to fix');
    await expect(el).to.be.accessible();
    // Typing into a locked field changes nothing.
    page.field('firstName').focus();
    await type('xyz');
    expect(page.field('firstName').value).to.equal('Dana');
    page.field('cell').focus();
    page.field('cell').select();
    await type('050-1234567');
    page.field('idNumber').focus();
    await type('000000018');
    await press('Enter');
    await page.reach('result');
    expect(sent().customer).to.deep.include({ firstName: 'Dana', lastName: 'Levi', email: 'dana@example.com', cell: '050-1234567' });
  });

  it('a person never meets the hidden field: off-screen, out of the tab order, hidden from screen readers and autofill; empty, it is not sent', async () => {
    fake = installFakeApi();
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="dana" branch="north"></bookwell-widget>`,
    );
    const page = await toDetails(el);
    const trap = page.root.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.autocomplete).to.equal('off');
    expect(trap.closest('[aria-hidden="true"]')).to.not.equal(null);
    const box = trap.getBoundingClientRect();
    expect(box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth, `off-screen (${box.top}, ${box.left})`).to.equal(
      true,
    );
    // Tab through the whole form: the focus passes every field and Book, never the trap.
    const visited = new Set<Element>();
    await tabTo((f) => (visited.add(f), f.getAttribute('part') === 'book'));
    expect(visited.has(trap)).to.equal(false);
    for (const [name, value] of [
      ['firstName', 'Dana'],
      ['lastName', 'Levi'],
      ['cell', '050-1234567'],
      ['idNumber', '000000018'],
    ]) {
      page.field(name!).focus();
      await type(value!);
    }
    await press('Enter');
    await page.reach('result');
    expect('website' in sent()).to.equal(false);
  });

  it('sends what a bot typed into the hidden field, so the server can refuse it', async () => {
    fake = installFakeApi();
    const el =
      await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="dana" branch="north"
      first-name="Bot" last-name="Bot" phone="050-1234567"></bookwell-widget>`);
    const page = await toDetails(el);
    const trap = page.root.querySelector<HTMLInputElement>('input[name="website"]')!;
    trap.value = 'http://spam.example';
    trap.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    page.field('idNumber').focus();
    await type('000000018');
    await press('Enter');
    await until(() => fake.calls.some((c) => c.path === '/v1/bookings'), 'the booking request');
    expect(sent().website).to.equal('http://spam.example');
  });

  it("sends the page's utm_* / gclid / fbclid with the booking, and only those", async () => {
    fake = installFakeApi();
    const address = location.href;
    history.replaceState(null, '', `${location.pathname}?utm_source=newsletter&utm_campaign=winter&gclid=g-1&fbclid=f-2&other=x`);
    try {
      const el =
        await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="dana" branch="north"
        first-name="Dana" last-name="Levi" phone="050-1234567"></bookwell-widget>`);
      const page = await toDetails(el);
      page.field('idNumber').focus();
      await type('000000018');
      await press('Enter');
      await page.reach('result');
      expect(sent().attribution).to.deep.equal({ utm_source: 'newsletter', utm_campaign: 'winter', gclid: 'g-1', fbclid: 'f-2' });
    } finally {
      history.replaceState(null, '', address);
    }
  });

  it('with data-layer, pushes every event to window.dataLayer without anything personal; without it, nothing', async () => {
    for (const withLayer of [true, false]) {
      fake?.restore();
      fake = installFakeApi();
      host.dataLayer = [];
      const el =
        await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="dana" branch="north"
        ?data-layer=${withLayer} first-name="Dana" last-name="Levi" email="dana@example.com" phone="050-1234567" notes="Second floor"></bookwell-widget>`);
      const page = await toDetails(el);
      page.field('idNumber').focus();
      await type('000000018');
      await press('Enter');
      await page.reach('result');
      const pushed = host.dataLayer as Array<Record<string, unknown>>;
      if (!withLayer) {
        expect(pushed.length).to.equal(0);
        continue;
      }
      expect(pushed.map((e) => e['event'])).to.deep.equal(['bookwell-time', 'bookwell-step', 'bookwell-submit', 'bookwell-booked', 'bookwell-step']);
      expect(pushed.find((e) => e['event'] === 'bookwell-booked')).to.deep.include({
        status: 'confirmed',
        serviceId: 'checkup',
        site: 'demo-clinic',
      });
      const text = JSON.stringify(pushed);
      for (const personal of [
        'Dana',
        'Levi',
        'dana@example.com',
        '050-1234567',
        '0501234567',
        'Second floor',
        '000000018',
        'manage-token-1',
        'bk1',
      ]) {
        expect(text.includes(personal), `${personal} in the data layer`).to.equal(false);
      }
    }
  });
});
