/**
 * The element inside the React 19 and Vue 3 demo apps (demo/react, demo/vue, built by `npm run build`), each opened in
 * its own tab from the real backend: the app sets the element's properties, the element's events reach the app's
 * state, a booking goes through to the end; in React the element is also removed by a route change and added again,
 * and the same is done through the React 18 wrapper `bookwell/react`.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { startBackend } from './backend.ts';
import { remoteUi } from './remote-ui.ts';
import { bookToTheEnd, type UiState } from './widget-ui.ts';

interface HostView {
  /** What the app shows from the element's events. */
  step: string;
  time: string;
  bookings: { status: string; text: string }[];
  widgets: number;
  search: string;
  /** The element's `lang` property, and the language and direction it renders in. */
  lang: string | null;
  shownLang: string | null;
  dir: string | null;
}

/** Reads the app's page in its tab. Sent as text (see frame-plugin.mjs): no outside names. */
function hostView(): HostView {
  const widget = document.querySelector('bookwell-widget');
  const base = widget?.shadowRoot?.querySelector('.base');
  return {
    step: document.querySelector('#step')?.textContent ?? '',
    time: document.querySelector('#time')?.textContent ?? '',
    bookings: [...document.querySelectorAll('#bookings li')].map((li) => ({
      status: li.getAttribute('data-status') ?? '',
      text: li.textContent?.trim() ?? '',
    })),
    widgets: document.querySelectorAll('bookwell-widget').length,
    search: location.search,
    lang: widget ? (widget as HTMLElement & { lang: string }).lang : null,
    shownLang: base?.getAttribute('lang') ?? null,
    dir: base?.getAttribute('dir') ?? null,
  };
}

/** Clicks a control of the app (outside the element), as a person would. */
function clickHost(selector: string): boolean {
  const target = document.querySelector<HTMLElement>(selector);
  target?.click();
  return Boolean(target);
}

async function inTab<T>(page: string, action: (...args: string[]) => T, ...args: string[]): Promise<T> {
  const answer = (await executeServerCommand('bookwell-frame-ui', { page, source: action.toString(), args })) as { value?: T; missing?: true };
  if (answer.missing) throw new Error(`no tab at ${page}`);
  return answer.value as T;
}

/** Waits until the app's page shows what `ready` asks for; fails with what it showed last. */
async function until(page: string, ready: (view: HostView) => boolean, what: string, timeoutMs = 20_000): Promise<HostView> {
  const deadline = Date.now() + timeoutMs;
  let view = await inTab(page, hostView);
  while (!ready(view)) {
    if (Date.now() > deadline) throw new Error(`${what}: the page shows ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    view = await inTab(page, hostView);
  }
  return view;
}

const customer = (cell: string) => ({ firstName: 'Noa', lastName: 'Framework', cell, idNumber: '000000018' });

let api = '';

before(async function () {
  this.timeout(120_000);
  // The same backend as the other demo pages' tests (demo.test.ts), so a full run starts one.
  api = await startBackend('embed-demo');
});

for (const app of ['react', 'vue'] as const) {
  describe(`the ${app === 'react' ? 'React 19' : 'Vue 3'} demo app`, () => {
    let url = '';
    before(async function () {
      this.timeout(60_000);
      url = `${api}/demo/${app}/`;
      const opened = (await executeServerCommand('bookwell-page-open', { url })) as { status: number };
      expect(opened.status).to.equal(200);
    });
    after(async () => {
      await executeServerCommand('bookwell-page-close', { url });
    });

    it('sets the element’s language from the app’s state, and the app hears the element’s steps and booking', async function () {
      this.timeout(60_000);
      await until(url, (view) => view.shownLang === 'he' && view.dir === 'rtl', 'the widget in Hebrew first');
      expect(await inTab(url, clickHost, '#lang-en')).to.equal(true);
      const english = await until(
        url,
        (view) => view.shownLang === 'en' && view.dir === 'ltr',
        'the widget in English after the app’s English button',
      );
      expect(english.lang).to.equal('en');
      expect(english.dir).to.equal('ltr');

      const steps: string[] = [];
      const message = await bookToTheEnd(remoteUi({ page: url }), {
        customer: customer(app === 'react' ? '0521110001' : '0521110002'),
        onStep: (step) => void steps.push(step),
      });
      expect(message).to.be.a('string').and.not.equal('');
      const booked = await until(url, (view) => view.bookings.length > 0, 'the booking in the app’s list');
      expect(booked.bookings.map((b) => b.status)).to.deep.equal(['confirmed']);
      // The app's own outputs come from bookwell-step and bookwell-time, and the list from bookwell-booked.
      expect(booked.step).to.equal('result');
      expect(steps.at(-1)).to.equal('result');
      expect(Number.isNaN(Date.parse(booked.time))).to.equal(false);
      expect(booked.bookings[0]!.text).to.include(booked.time);
    });

    if (app === 'react') {
      it('works the same through bookwell/react, the wrapper for React 18', async function () {
        this.timeout(60_000);
        expect(await inTab(url, clickHost, 'a[href="?page=wrapper"]')).to.equal(true);
        await until(url, (view) => view.widgets === 1 && view.shownLang !== null, 'the wrapped widget on its route');
        // The wrapper sets the app's language as the element's property, and follows it when it changes.
        expect(await inTab(url, clickHost, '#lang-en')).to.equal(true);
        await until(url, (view) => view.shownLang === 'en' && view.dir === 'ltr', 'the wrapped widget in English');
        expect(await inTab(url, clickHost, '#lang-he')).to.equal(true);
        const hebrew = await until(url, (view) => view.shownLang === 'he' && view.dir === 'rtl', 'the wrapped widget in Hebrew again');
        expect(hebrew.lang).to.equal('he');
        const before = hebrew.bookings.length;
        await bookToTheEnd(remoteUi({ page: url }), { customer: customer('0521110004') });
        const after = await until(url, (view) => view.bookings.length > before, 'the booking heard through onBooked');
        expect(after.bookings.at(-1)!.status).to.equal('confirmed');
        expect(after.step).to.equal('result');
        expect(after.bookings.at(-1)!.text).to.include(after.time);
      });

      it('keeps working when a route change removes the element and a later one adds it again', async function () {
        this.timeout(60_000);
        expect(await inTab(url, clickHost, '#lang-en')).to.equal(true);
        const before = (await until(url, (view) => view.shownLang === 'en', 'the widget in English')).bookings.length;
        expect(await inTab(url, clickHost, 'a[href="?page=hours"]')).to.equal(true);
        const away = await until(url, (view) => view.widgets === 0, 'no widget on the opening-hours route');
        expect(away.search).to.equal('?page=hours');
        expect(await inTab(url, clickHost, 'a[href="?"]')).to.equal(true);
        // A new element, at the first step, still given the app's language.
        const back = await until(url, (view) => view.widgets === 1 && view.shownLang !== null, 'the widget back on the booking route');
        expect(back.lang).to.equal('en');
        expect(back.shownLang).to.equal('en');
        const ui = remoteUi({ page: url });
        const start = Date.now();
        let state = (await ui({ kind: 'state' })) as UiState;
        while ((state.busy || !state.step) && Date.now() - start < 20_000) state = (await ui({ kind: 'state' })) as UiState;
        expect(state.step).to.equal('service');

        await bookToTheEnd(ui, { customer: customer('0521110003') });
        const after = await until(url, (view) => view.bookings.length > before, 'the new booking in the app’s list');
        expect(after.bookings.length).to.equal(before + 1);
        expect(after.bookings.at(-1)!.status).to.equal('confirmed');
      });
    }
  });
}
