/**
 * Every step of both demo sites at 360, 768 and 1280 px, light and dark: demo-clinic in Hebrew (right to left),
 * demo-studio in English. Each screen is checked with axe; with BOOKWELL_SCREENSHOTS=1 it is also saved under
 * docs/screenshots/<site>-<lang>-<theme>-<step>-<width>.png (docs/widget.md shows them).
 *   BOOKWELL_SCREENSHOTS=1 npx web-test-runner test/browser/e2e/screens.test.ts
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { backend } from './backend.ts';
import { addDays, todayIn } from '../../../src/contract/plain-date.ts';

const widths = [360, 768, 1280] as const;

interface Tour {
  site: string;
  /** The customer's own timezone: at the clinic's, or elsewhere (the studio's times then show the customer's clock too). */
  timezone: string;
  lang: 'he' | 'en';
  /** The option to click on each choice step, in order. */
  choices: Record<string, string>;
  customer: Record<string, string>;
  /** Its booking can be cancelled from the manage view (the studio's still waits for its code). */
  cancels: boolean;
}

const tours: Tour[] = [
  {
    site: 'demo-clinic',
    timezone: 'Asia/Jerusalem',
    lang: 'he',
    choices: { service: 'בדיקה כללית', staff: 'כל מי שפנוי', branch: 'סניף תל אביב' },
    customer: { firstName: 'נועה', lastName: 'כהן', cell: '050-1234567', idNumber: '000000018' },
    cancels: true,
  },
  {
    site: 'demo-studio',
    timezone: 'Europe/London',
    lang: 'en',
    choices: { service: 'Private session', staff: 'Sanne de Vries' },
    customer: { firstName: 'Anna', lastName: 'Bakker', cell: '06 12345678', email: 'anna@example.nl' },
    cancels: false,
  },
];

/** Shows the current screen at every width, checks it with axe, and saves it when asked to. */
async function shoot(page: WidgetPage, tour: Tour, theme: string, step: string): Promise<void> {
  // The heading got the focus from a click here; a person clicking sees no ring there.
  (page.root.activeElement as HTMLElement | null)?.blur();
  for (const width of widths) {
    await setViewport({ width, height: 900 });
    await page.el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    await executeServerCommand('bookwell-screenshot', { selector: '#screen', name: `${tour.site}-${tour.lang}-${theme}-${step}-${width}` });
  }
  await expect(page.el, `${tour.site} ${tour.lang} ${theme} ${step}`).to.be.accessible();
}

/** A free date two or more days ahead: cancelling needs notice, and the manage view below offers Cancel only then. */
async function chooseDateAhead(page: WidgetPage, timeZone: string): Promise<void> {
  const soonest = addDays(todayIn(timeZone, new Date()), 2);
  for (let month = 0; month < 3; month += 1) {
    const later = (await page.availableDays()).find((d) => d >= soonest);
    if (later) {
      page.day(later).click();
      await until(() => page.selectedDate() === later, 'the date ahead');
      await page.reachTimes();
      return;
    }
    const shown = page.calendar.querySelector('[part="month-title"]')?.textContent;
    page.calendar.querySelectorAll<HTMLButtonElement>('[part="month-button"]')[1]!.click();
    await until(() => page.calendar.querySelector('[part="month-title"]')?.textContent !== shown, 'the next month');
  }
  throw new Error(`no free date from ${soonest}`);
}

function click(page: WidgetPage, matches: (el: Element) => boolean): void {
  const target = [...page.root.querySelectorAll<HTMLElement>('button')].find(matches);
  if (!target) throw new Error(`nothing to click on step ${page.step}`);
  target.click();
}

describe('e2e: every screen, in he and en, light and dark, at three widths', () => {
  before(() => {
    document.body.style.margin = '0';
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await executeServerCommand('bookwell-timezone', { timezone: 'UTC' });
  });

  for (const tour of tours) {
    for (const theme of ['light', 'dark']) {
      it(`${tour.site} in ${tour.lang}, ${theme}`, async function () {
        this.timeout(180_000);
        const api = await backend({ name: 'screens' });
        await executeServerCommand('bookwell-timezone', { timezone: tour.timezone });
        const background = theme === 'dark' ? '#0d0d10' : '#f4f4f6';

        // The popup mode first: its button on a page as tall as the window, and the dialog it opens over that page.
        const host =
          await fixture<HTMLElement>(html`<div id="screen" style="block-size: 100vh; padding: 8px; box-sizing: border-box; background: ${background}">
          <bookwell-widget site=${tour.site} api=${api} lang=${tour.lang} theme=${theme} popup=""></bookwell-widget></div>`);
        const popup = new WidgetPage(host.querySelector('bookwell-widget')!);
        const opener = await until(() => popup.root.querySelector<HTMLButtonElement>('[part="popup-button"]'), 'the popup button', 60_000);
        opener.click();
        await popup.reach('service', 60_000);
        await shoot(popup, tour, theme, 'popup');
        popup.root.querySelector('dialog')!.close();
        fixtureCleanup();

        const el = await fixture<BookwellWidget>(html`<div id="screen" style="padding: 8px; background: ${background}">
          <bookwell-widget site=${tour.site} api=${api} lang=${tour.lang} theme=${theme}></bookwell-widget></div>`);
        const page = new WidgetPage(el.querySelector('bookwell-widget')!);
        await page.reach('service', 60_000);
        for (const [step, option] of Object.entries(tour.choices)) {
          await page.reach(step as 'service');
          await shoot(page, tour, theme, step);
          click(page, byText(option));
        }
        await page.reach('when');
        await page.reachTimes();
        await chooseDateAhead(page, tour.timezone);
        await shoot(page, tour, theme, 'when');
        click(page, (b) => b.getAttribute('part') === 'time');
        await page.reach('details');
        for (const [name, value] of Object.entries(tour.customer)) {
          page.field(name).value = value;
          page.field(name).dispatchEvent(new Event('input'));
        }
        await page.el.updateComplete;
        await shoot(page, tour, theme, 'details');
        click(page, (b) => b.getAttribute('part') === 'book');
        await page.reach('result', 30_000);
        await until(() => page.root.querySelector('[part~="result-message"], #code'), 'the result');
        await shoot(page, tour, theme, 'result');

        // The manage view the customer's link opens, and where the appointment can be cancelled, its cancel question.
        const token = await page.manageToken();
        fixtureCleanup();
        const managed = await fixture<BookwellWidget>(html`<div id="screen" style="padding: 8px; background: ${background}">
          <bookwell-widget site=${tour.site} api=${api} lang=${tour.lang} theme=${theme} manage=${token}></bookwell-widget></div>`);
        const manage = new WidgetPage(managed.querySelector('bookwell-widget')!);
        await until(() => manage.root.querySelector('[part="status"]'), 'the manage view', 30_000);
        await shoot(manage, tour, theme, 'manage');
        const cancel = manage.root.querySelector<HTMLElement>('[part="cancel"]');
        expect(cancel !== null, 'a cancel button').to.equal(tour.cancels);
        if (cancel) {
          cancel.click();
          await until(() => manage.root.querySelector('[part="cancel-question"]'), 'the cancel question');
          await shoot(manage, tour, theme, 'manage-cancel');
        }
      });
    }
  }
});
