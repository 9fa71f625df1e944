/**
 * What a booking asks of a person, from page load to booked, on the real backend: key presses (typed text apart)
 * by keyboard, and taps on a 360 px phone. The figures are printed; the budgets fail the test when a change makes
 * the flow longer (the clinic's target: 8 taps plus typing).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, effort, focused, press, tabTo, type, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { backend } from './backend.ts';
import { book, chooseFirstFreeDate, chooseTime, fillDetails } from './steps.ts';

const clinic = { firstName: 'נועה', lastName: 'כהן', cell: '050-1234567', idNumber: '000000018' };
const studio = { firstName: 'Anna', lastName: 'Bakker', cell: '06 12345678', email: 'anna@example.nl' };

async function mount(api: string, site: string, lang: string): Promise<WidgetPage> {
  const el = await fixture<BookwellWidget>(html`<bookwell-widget site=${site} api=${api} lang=${lang}></bookwell-widget>`);
  const page = new WidgetPage(el);
  await page.reach('service', 60_000);
  return page;
}

/** A tap at the middle of a control, as a finger gives it (a real pointer event at that point of the page). */
async function tap(el: Element | null | undefined, taps: { count: number }): Promise<void> {
  if (!el) throw new Error('nothing to tap');
  el.scrollIntoView({ block: 'center' });
  const box = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
  taps.count++;
}

const button = (page: WidgetPage, text: string) => [...page.root.querySelectorAll('button')].find(byText(text));

describe('e2e: effort from page load to booked', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const [site, lang, choices, customer, budget] of [
    ['demo-clinic', 'he', ['בדיקה כללית', 'כל מי שפנוי', 'סניף תל אביב'], clinic, 24],
    ['demo-studio', 'en', ['Private session', 'Sanne de Vries'], studio, 20],
  ] as const) {
    it(`${site} by keyboard`, async function () {
      this.timeout(120_000);
      const api = await backend({ name: 'effort' });
      const page = await mount(api, site, lang);
      const start = effort.presses;
      for (const [i, choice] of choices.entries()) {
        if (i > 0) await page.reach(i === 1 ? 'staff' : 'branch');
        await tabTo(byText(choice));
        await press('Enter');
      }
      await page.reach('when');
      await chooseFirstFreeDate(page);
      await chooseTime(page);
      await fillDetails(page, customer);
      await book(page);
      await page.reach('result', 30_000);
      const presses = effort.presses - start;
      console.log(`${site} by keyboard: ${presses} key presses plus typing`);
      // Tab also passes the summary's links and the month buttons on the way to a time, and the optional fields.
      expect(presses, 'key presses from page load to booked').to.be.at.most(budget);
    });
  }

  for (const [site, lang, choices, customer] of [
    ['demo-clinic', 'he', ['בדיקה כללית', 'כל מי שפנוי', 'סניף תל אביב'], clinic],
    ['demo-studio', 'en', ['Private session', 'Sanne de Vries'], studio],
  ] as const) {
    it(`${site} by touch at 360 px`, async function () {
      this.timeout(120_000);
      await setViewport({ width: 360, height: 740 });
      const api = await backend({ name: 'effort' });
      const page = await mount(api, site, lang);
      const taps = { count: 0 };
      for (const [i, choice] of choices.entries()) {
        if (i > 0) await page.reach(i === 1 ? 'staff' : 'branch');
        await tap(button(page, choice), taps);
      }
      await page.reach('when');
      const offered = await chooseFirstFreeDateByTouch(page, taps);
      await tap(page.root.querySelector('[part~="time"]'), taps);
      await page.reach('details');
      // The first field has the focus already; a finger taps it to bring up the phone's keyboard, whose Next key
      // then moves from field to field (a key of the keyboard, so part of the typing, like on any phone form).
      const fields = Object.entries(customer);
      expect(focused() === page.field(fields[0]![0]), `the focus on the first field, not on ${focused()?.outerHTML.slice(0, 60)}`).to.equal(true);
      let nextKeys = 0;
      for (const [i, [name, value]] of fields.entries()) {
        if (i === 0) await tap(page.field(name), taps);
        for (; focused() !== page.field(name); nextKeys++) {
          if (nextKeys > 10) throw new Error(`Next never reached the field ${name}`);
          await sendKeys({ press: 'Tab' });
        }
        await type(value);
      }
      await tap(page.root.querySelector('[part~="book"]'), taps);
      await page.reach('result', 30_000);
      console.log(
        `${site} by touch: ${taps.count} taps plus typing (the typing includes ${nextKeys} presses of the keyboard's Next key); ` +
          `${taps.count + fields.length - 1} taps when tapping into every field`,
      );
      // One tap per choice, the time, the first field and Book (and the next available date in a month without any).
      expect(taps.count, 'taps from page load to booked').to.be.at.most(choices.length + 3 + (offered ? 1 : 0));
      if (site === 'demo-clinic') expect(taps.count, 'the clinic in 8 taps plus typing').to.be.at.most(8);
    });
  }
});

/** The first free date is chosen already; a month without any offers the next available date, one tap. */
async function chooseFirstFreeDateByTouch(page: WidgetPage, taps: { count: number }): Promise<boolean> {
  await until(() => page.root.querySelector('[part="next-available"]') || page.selectedDate(), 'the dates', 15_000);
  const offer = page.root.querySelector('[part="next-available"]');
  if (offer) await tap(offer, taps);
  await page.reachTimes();
  return offer !== null;
}
