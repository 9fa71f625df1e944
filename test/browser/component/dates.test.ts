import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import type { BookwellCalendar, BookwellWidget } from '../../../src/widget/index.ts';
import { addMonthsToMonth, monthOf, todayIn } from '../../../src/contract/plain-date.ts';
import { press, tabTo, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, catalog, installFakeApi, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => fake?.restore());

const thisMonth = monthOf(todayIn('Asia/Jerusalem'));
const later = `${addMonthsToMonth(thisMonth, 2)}-12`;

async function mount() {
  const el = await fixture<BookwellWidget>(
    html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
  );
  const page = new WidgetPage(el);
  await page.reach('when');
  return page;
}

describe('<bookwell-widget> dates (fake API)', () => {
  it('asks for the first dates right after the session: the catalog comes with it, two round trips in all', async () => {
    fake = installFakeApi();
    await mount();
    await until(() => fake.calls.some((c) => c.path === '/v1/availability/dates'), 'the first dates asked');
    const first = fake.calls.findIndex((c) => c.path === '/v1/availability/dates');
    expect(
      fake.calls
        .slice(0, first + 1)
        .map((c) => `${c.method} ${c.path}`)
        .join(', '),
    ).to.equal('POST /v1/session, GET /v1/availability/dates');
  });

  it('offers the next available date under an empty month, and choosing it shows its times', async () => {
    fake = installFakeApi({ dates: () => [later] });
    const page = await mount();
    const offer = await until(() => page.root.querySelector<HTMLButtonElement>('[part="next-available"]'), 'the next-available offer');
    expect(page.text()).to.contain('No free dates this month.');
    expect(offer.textContent).to.contain(
      new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${later}T12:00:00Z`)),
    );
    await tabTo((el) => el === offer);
    await press('Enter');
    await page.reachTimes();
    expect(page.chosenDate).to.equal(later);
    await expect(page.el).to.be.accessible();
  });

  it('loads each month the customer pages to, and only that month', async () => {
    fake = installFakeApi({ dates: () => [later] });
    const page = await mount();
    await until(() => page.root.querySelector('[part="next-available"]'), 'the first month loaded');
    const day = await tabTo((el) => el.classList.contains('day'));
    expect(day.getAttribute('aria-disabled')).to.equal('true');
    await press('PageDown');
    await press('PageDown');
    await until(() => page.calendar.querySelector(`button[data-date="${later}"][data-available]`), 'the later month with its date');
    const ranges = fake.calls
      .filter((c) => c.path === '/v1/availability/dates')
      .map((c) => `${c.query.get('from')?.slice(0, 7)}..${c.query.get('to')?.slice(0, 7)}`);
    expect(ranges.at(-1)).to.equal(`${addMonthsToMonth(thisMonth, 2)}..${addMonthsToMonth(thisMonth, 2)}`);
    expect(new Set(ranges.map((r) => r.split('..')[0] === r.split('..')[1]))).to.deep.equal(new Set([true]));
  });

  it('calls no date unavailable while the month is loading, and says the grid is busy', async () => {
    fake = installFakeApi({ delayMs: 400, dates: () => [] });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    const grid = await until(
      () => page.step === 'when' && page.root.querySelector('bookwell-calendar')?.shadowRoot?.querySelector('[part="grid"]'),
      'the grid',
    );
    await page.root.querySelector<BookwellCalendar>('bookwell-calendar')!.updateComplete;
    expect(grid.getAttribute('aria-busy')).to.equal('true');
    const labels = () => [...page.calendar.querySelectorAll('button.day')].map((b) => b.getAttribute('aria-label') ?? '');
    expect(labels().filter((l) => l.includes('not available'))).to.deep.equal([]);
    await until(
      () => page.root.querySelector('[part="next-available"]') || page.text().includes('No free dates in the coming months'),
      'the month loaded',
    );
    await page.root.querySelector<BookwellCalendar>('bookwell-calendar')!.updateComplete;
    expect(grid.getAttribute('aria-busy')).to.equal('false');
    expect(labels().every((l) => l.includes('not available'))).to.equal(true);
  });

  it('fits the calendar on a 320 px phone with days big enough to tap, and keeps 44 px days where there is room', async () => {
    fake = installFakeApi();
    for (const width of [320, 600]) {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="inline-size: ${width}px"><bookwell-widget site="demo-clinic" api=${api} lang="fr" service="checkup" staff="eli" branch="north"></bookwell-widget></div>`,
      );
      const page = new WidgetPage(wrapper.querySelector('bookwell-widget')!);
      await page.reach('when');
      await page.availableDays();
      const right = wrapper.getBoundingClientRect().right;
      expect(page.calendar.querySelector('table')!.getBoundingClientRect().right, `${width}: the grid`).to.be.at.most(right);
      for (const nav of page.calendar.querySelectorAll('[part="month-button"]'))
        expect(nav.getBoundingClientRect().right, `${width}: month buttons`).to.be.at.most(right);
      const sizes = [...page.calendar.querySelectorAll('button.day')].map((b) => b.getBoundingClientRect());
      expect(Math.max(...sizes.map((s) => s.right)), `${width}: the days`).to.be.at.most(right);
      expect(
        sizes.slice(0, 6).every((s, i) => s.right <= sizes[i + 1]!.left || s.top !== sizes[i + 1]!.top),
        `${width}: days side by side`,
      ).to.equal(true);
      const least = width === 320 ? { w: 24, h: 40 } : { w: 44, h: 44 };
      expect(Math.min(...sizes.map((s) => s.width)), `${width}: day width`).to.be.at.least(least.w);
      expect(Math.min(...sizes.map((s) => s.height)), `${width}: day height`).to.be.at.least(least.h);
    }
  });

  it("starts the week on the day of the business's region, whatever the language", async () => {
    fake = installFakeApi({ site: { weekStart: 1, country: 'NL', timezone: 'Europe/Amsterdam' } });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="he" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await page.reach('when');
    const monday = new Intl.DateTimeFormat('he', { weekday: 'long', timeZone: 'UTC' }).format(new Date('2026-11-23T12:00:00Z'));
    expect(page.calendar.querySelector('th')!.getAttribute('abbr')).to.equal(monday);
  });

  it('names the site timezone when the customer is elsewhere, and says nothing when they are in it', async () => {
    const name = (timeZone: string) =>
      new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')!
        .value;
    const noteFor = async (customer: string) => {
      await executeServerCommand('bookwell-customer-timezone', { timeZone: customer });
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal(customer);
      fake?.restore();
      fake = installFakeApi({ site: { timezone: 'Asia/Jerusalem' } });
      const page = await mount();
      page.day((await page.availableDays())[0]!).click();
      await page.reachTimes();
      return page.root.querySelector('[part="timezone"]');
    };
    try {
      expect(await noteFor('Asia/Jerusalem')).to.equal(null);
      const note = await noteFor('America/New_York');
      expect(note?.textContent).to.contain(name('Asia/Jerusalem')).and.contain(name('America/New_York'));
    } finally {
      await executeServerCommand('bookwell-customer-timezone', { timeZone: null });
    }
  });

  it('treats an answer of the wrong shape as a failure with a retry', async () => {
    fake = installFakeApi({ catalog: { services: 'oops' } as unknown as typeof catalog });
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en"></bookwell-widget>`);
    const page = new WidgetPage(el);
    await until(() => page.root.querySelector('[part="error"] button'), 'the retry button');
    expect(page.text()).to.contain('Something went wrong');
  });
});
