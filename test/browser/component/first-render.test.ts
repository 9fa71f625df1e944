/**
 * The widget's first render on a script-tag page: /widget.js (src/embed/early-calls.ts) has asked the session, the
 * first dates and the language before the widget's code runs. With those answers in, the first thing drawn is the
 * calendar with its dates, not a skeleton, a "loading" step or an empty month first (on a phone each was a render
 * and a frame of its own); with answers slower than the wait, the skeleton shows as before. The tags are defined
 * here, after the calls have started, as the script-tag chunk does.
 */
import { expect } from '@open-wc/testing';
import { startEarlyCalls } from '../../../src/embed/early-calls.ts';
import { BookwellCalendar, BookwellWidget } from '../../../src/widget/index.ts';
import { until } from '../keyboard.ts';
import { api, installFakeApi, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => fake?.restore());

/** What each of the widget's renders showed, in order. */
const shown = new Map<BookwellWidget, string[]>();
BookwellWidget.addInitializer((element) => {
  const widget = element as BookwellWidget;
  shown.set(widget, []);
  widget.addController({
    hostUpdated: () => {
      const root = widget.renderRoot;
      const calendar = root.querySelector<BookwellCalendar>('bookwell-calendar');
      const what = calendar
        ? calendar.available.length
          ? 'calendar with dates'
          : 'calendar'
        : root.querySelector('[part~="loading"]')
          ? 'skeleton'
          : 'other';
      shown.get(widget)!.push(what);
    },
  });
});

function addWidget(): BookwellWidget {
  const widget = document.createElement('bookwell-widget') as BookwellWidget;
  for (const [name, value] of Object.entries({ site: 'demo-clinic', api, lang: 'en', service: 'checkup', staff: 'eli', branch: 'north' })) {
    widget.setAttribute(name, value);
  }
  document.body.append(widget);
  return widget;
}

const bookableDate = (widget: BookwellWidget) =>
  widget.shadowRoot?.querySelector('bookwell-calendar')?.shadowRoot?.querySelector('button[data-available]') ?? null;

describe('<bookwell-widget> first render after /widget.js', () => {
  after(() => document.querySelectorAll('bookwell-widget').forEach((w) => w.remove()));

  it("draws the calendar with its dates first when /widget.js's answers are in, no skeleton before it", async () => {
    fake = installFakeApi();
    const widget = addWidget();
    startEarlyCalls();
    // The answers arrive before the widget's chunk has run, as on a phone where the chunk is the larger download.
    await until(() => fake.calls.some((c) => c.path === '/v1/availability/dates'), "/widget.js's dates asked");
    await new Promise((r) => setTimeout(r, 50));
    customElements.define('bookwell-calendar', BookwellCalendar);
    customElements.define('bookwell-widget', BookwellWidget);
    await until(() => bookableDate(widget), 'a bookable date');
    // Its dates in that very render: an empty month first, then the dates, was a second render a frame later.
    expect(shown.get(widget)![0], 'the first render').to.equal('calendar with dates');
    expect(shown.get(widget), 'never a skeleton').not.to.include('skeleton');
    expect(
      fake.calls.filter((c) => c.path === '/v1/session'),
      'one session, the early one',
    ).to.have.length(1);
  });

  it('shows the skeleton when the answers are slower than the wait, and the dates once they come', async () => {
    fake = installFakeApi({ delayMs: 1500 });
    // /widget.js's calls still on their way (the tags are defined by now, so the widget starts as it is added).
    (globalThis as { [key: symbol]: unknown })[Symbol.for('bookwell.early-calls-settled')] = new Promise(() => undefined);
    const widget = addWidget();
    await until(() => shown.get(widget)?.includes('skeleton'), 'the skeleton', 1200);
    expect(bookableDate(widget), 'no dates yet').to.equal(null);
    await until(() => bookableDate(widget), 'a bookable date', 10_000);
  });
});
