/**
 * The states a step passes through besides its happy path, each checked with axe: the skeletons while data loads,
 * a failed load with Try again, a month without dates, no dates at all in the booking window, a time taken by
 * someone else, a booking on its way. And the "when" screen's shape at a desk and on a phone.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import { addMonthsToMonth, monthOf, todayIn } from '../../../src/contract/plain-date.ts';
import { until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, bookingFor, installFakeApi, timesOf, type FakeApi, type FakeOptions } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => fake?.restore());

async function mount(options: FakeOptions = {}, width?: number): Promise<WidgetPage> {
  fake = installFakeApi(options);
  const wrapper = await fixture<HTMLDivElement>(html`<div style=${width ? `inline-size: ${width}px` : ''}>
    <bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>
  </div>`);
  return new WidgetPage(wrapper.querySelector('bookwell-widget')!);
}

const dayLabels = (page: WidgetPage) => [...page.calendar.querySelectorAll('button.day')].map((b) => b.getAttribute('aria-label') ?? '');

/** The skeleton is drawn: it has the height of what it stands for, not an empty box. */
function expectDrawn(skeleton: Element | null, what: string): void {
  expect(skeleton, what).to.not.equal(null);
  expect(skeleton!.getBoundingClientRect().height, `${what}: its height`).to.be.at.least(40);
}

describe('<bookwell-widget> states of a step (fake API)', () => {
  it('shows a skeleton while the widget starts and while the times load, each accessible', async () => {
    const page = await mount({ delayMs: 400 });
    const starting = await until(() => page.root.querySelector('[part="loading"]'), 'the first skeleton');
    expect(page.step).to.equal(undefined);
    expectDrawn(starting, 'the skeleton before the first step');
    await expect(page.el).to.be.accessible();
    // The month's first free date is chosen for the customer, and its times load.
    const times = await until(() => page.step === 'when' && page.root.querySelector('.slots [part="loading"]'), 'the times skeleton');
    expectDrawn(times, 'the times skeleton');
    expect(times.getAttribute('aria-busy')).to.equal('true');
    await expect(page.el).to.be.accessible();
    await page.reachTimes();
  });

  it('says a failed month in place with Try again, calls no date unavailable, and Try again loads it', async () => {
    let calls = 0;
    const page = await mount({
      dates: () => {
        calls++;
        if (calls === 1) throw new Error('down');
        return [];
      },
    });
    await page.reach('when');
    const failure = await until(() => page.root.querySelector('.dates [part="error"]'), 'the failure above the month');
    expect(failure.querySelector('[role="alert"]')?.textContent).to.contain('Something went wrong');
    await page.root.querySelector('bookwell-calendar')!.updateComplete;
    expect(dayLabels(page).filter((l) => l.includes('not available'))).to.deep.equal([]);
    expect(page.calendar.querySelectorAll('[part~="unavailable"]')).to.have.length(0);
    await expect(page.el).to.be.accessible();
    failure.querySelector<HTMLButtonElement>('button')!.click();
    await until(() => page.text().includes('No free dates in the coming months.'), 'the month loaded again');
    expect(page.root.querySelector('.dates [part="error"]')).to.equal(null);
  });

  it('says a failed times load in place with Try again, accessible', async () => {
    const page = await mount({
      times: () => {
        throw new Error('down');
      },
    });
    await page.reach('when');
    await until(() => page.root.querySelector('.slots [part="error"] button'), 'the failure where the times go');
    await expect(page.el).to.be.accessible();
  });

  it('with no dates in the booking window says so, and the next-month button stops at its last month', async () => {
    const page = await mount({ dates: () => [] });
    await page.reach('when');
    await until(() => page.text().includes('No free dates in the coming months.'), 'the words for no dates');
    expect(page.root.querySelector('[part="next-available"]')).to.equal(null);
    await expect(page.el).to.be.accessible();
    const [, next] = page.calendar.querySelectorAll<HTMLButtonElement>('[part="month-button"]');
    const title = () => page.calendar.querySelector('[part="month-title"]')!.textContent;
    const first = monthOf(todayIn('Asia/Jerusalem'));
    for (let i = 0; i < 6; i++) {
      expect(next!.getAttribute('aria-disabled'), `month ${i}`).to.equal('false');
      const shown = title();
      next!.click();
      await until(() => title() !== shown, `month ${i + 1}`);
    }
    expect(next!.getAttribute('aria-disabled')).to.equal('true');
    const last = title();
    next!.click();
    await page.el.updateComplete;
    expect(title()).to.equal(last);
    const asked = fake.calls.filter((c) => c.path === '/v1/availability/dates').map((c) => c.query.get('from')!.slice(0, 7));
    expect(
      asked.every((month) => month <= addMonthsToMonth(first, 6)),
      asked.join(),
    ).to.equal(true);
  });

  it('says a time was taken above the fresh times, accessible', async () => {
    const page = await mount({ book: () => ({ code: 'slot_taken', status: 409 }) });
    await toDetails(page);
    page.root.querySelector<HTMLButtonElement>('[part="book"]')!.click();
    await page.reachTimes();
    expect(page.root.querySelector('.notice[role="alert"]')?.textContent).to.contain('someone just booked that time');
    await expect(page.el).to.be.accessible();
  });

  it('while a booking is on its way: Book shows progress, Back and the summary wait, and it is accessible', async () => {
    let answer: (value: ReturnType<typeof bookingFor>) => void = () => undefined;
    const page = await mount({ book: (call) => new Promise((resolve) => (answer = () => resolve(bookingFor(call)))) });
    await toDetails(page);
    expect(page.root.querySelectorAll('[part="choice"].link').length, 'the summary links before').to.be.greaterThan(0);
    const book = page.root.querySelector<HTMLButtonElement>('[part="book"]')!;
    book.click();
    await until(() => book.getAttribute('aria-disabled') === 'true', 'Book busy');
    expect(book.textContent).to.contain('Booking…');
    expect(book.querySelector('.spinner')!.getBoundingClientRect().width).to.be.greaterThan(0);
    const back = page.root.querySelector<HTMLButtonElement>('[part="back"]')!;
    expect(back.getAttribute('aria-disabled')).to.equal('true');
    expect(page.root.querySelectorAll('[part="choice"].link'), 'no summary link').to.have.length(0);
    back.click();
    await page.el.updateComplete;
    expect(page.step).to.equal('details');
    await expect(page.el).to.be.accessible();
    answer(bookingFor({ body: {} } as never));
    await page.reach('result');
  });
});

describe('<bookwell-widget> the "when" screen', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await executeServerCommand('bookwell-customer-timezone', { timeZone: null });
  });

  /** The chosen date's times, each with places left and the customer's own clock: the longest labels there are. */
  async function whenAt(width: number): Promise<WidgetPage> {
    await setViewport({ width: Math.max(width + 40, 400), height: 900 });
    await executeServerCommand('bookwell-customer-timezone', { timeZone: 'America/New_York' });
    const page = await mount({ times: (date) => timesOf(date).map((t) => ({ ...t, placesLeft: 8 })) }, width);
    await page.reach('when');
    await page.reachTimes();
    return page;
  }

  it('puts the times beside the month at a desk, with days of 44 to 56 px and every label on one line', async () => {
    const page = await whenAt(1000);
    const month = page.root.querySelector('bookwell-calendar')!.getBoundingClientRect();
    const times = page.root.querySelector('.slots')!.getBoundingClientRect();
    expect(times.left, 'the times right of the month').to.be.at.least(month.right);
    expect(times.top, 'at the same height').to.be.below(month.top + 20);
    const days = [...page.calendar.querySelectorAll('button.day')].map((b) => b.getBoundingClientRect());
    expect(Math.min(...days.map((d) => d.width))).to.be.at.least(44);
    expect(Math.max(...days.map((d) => d.width)), 'no huge days').to.be.at.most(56);
    expectLabelsFit(page);
  });

  it('puts the times under the month on a phone, every label on one line', async () => {
    const page = await whenAt(360);
    const month = page.root.querySelector('bookwell-calendar')!.getBoundingClientRect();
    expect(page.root.querySelector('.slots')!.getBoundingClientRect().top, 'the times below the month').to.be.at.least(month.bottom);
    expectLabelsFit(page);
  });
});

/** Each time's clock, places left and own clock fit inside its button, each on one line. */
function expectLabelsFit(page: WidgetPage): void {
  const buttons = [...page.root.querySelectorAll<HTMLElement>('[part~="time"]')];
  expect(buttons.length).to.be.greaterThan(0);
  for (const button of buttons) {
    const box = button.getBoundingClientRect();
    expect(button.scrollWidth, `${button.textContent} fits its button`).to.be.at.most(button.clientWidth);
    expect(button.textContent, 'places and own time shown').to.contain('8 places left').and.contain('your time');
    for (const line of button.querySelectorAll<HTMLElement>('.clock, small')) {
      const inner = line.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(line).lineHeight);
      expect(inner.height, `"${line.textContent}" on one line`).to.be.below(lineHeight * 1.5);
      expect(inner.left >= box.left && inner.right <= box.right, `"${line.textContent}" inside its button`).to.equal(true);
      expect(line.scrollWidth, `"${line.textContent}" not cut`).to.be.at.most(line.clientWidth);
    }
  }
}

async function toDetails(page: WidgetPage): Promise<void> {
  await page.reach('when');
  await page.reachTimes();
  page.root.querySelector<HTMLButtonElement>('[part~="time"]')!.click();
  await page.reach('details');
  for (const [name, value] of [
    ['firstName', 'Dana'],
    ['lastName', 'Levi'],
    ['cell', '0501234567'],
    ['idNumber', '000000018'],
  ] as const) {
    page.field(name).value = value;
    page.field(name).dispatchEvent(new Event('input'));
  }
}
