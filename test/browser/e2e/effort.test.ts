/**
 * What a booking asks of a person, from page load to booked, on the real backend: key presses (typed text apart)
 * by keyboard, and taps on a 360 px phone. The figures are printed; the budgets fail the test when a change makes
 * the flow longer (the clinic's target: 8 taps plus typing).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse, setViewport } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, effort, press, tabTo, type } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { backend } from './backend.ts';
import { book, chooseFirstFreeDate, chooseTime, fillDetails } from './steps.ts';

const clinic = { firstName: 'נועה', lastName: 'כהן', cell: '050-1234567', idNumber: '000000018' };

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

  it('demo-clinic by keyboard', async function () {
    this.timeout(120_000);
    const api = await backend({ name: 'effort' });
    const page = await mount(api, 'demo-clinic', 'he');
    const start = effort.presses;
    await tabTo(byText('בדיקה כללית'));
    await press('Enter');
    await page.reach('staff');
    await tabTo(byText('כל מי שפנוי'));
    await press('Enter');
    await page.reach('branch');
    await tabTo(byText('סניף תל אביב'));
    await press('Enter');
    await page.reach('when');
    await chooseFirstFreeDate(page);
    await chooseTime(page);
    await fillDetails(page, clinic);
    await book(page);
    await page.reach('result', 30_000);
    const presses = effort.presses - start;
    console.log(`demo-clinic by keyboard: ${presses} key presses plus typing`);
    // Tab also passes the summary's links and the month buttons on the way to a time and to the fields.
    expect(presses).to.be.at.most(29);
  });

  for (const [site, lang, choices, customer] of [
    ['demo-clinic', 'he', ['בדיקה כללית', 'כל מי שפנוי', 'סניף תל אביב'], clinic],
    [
      'demo-studio',
      'en',
      ['Private session', 'Sanne de Vries'],
      { firstName: 'Anna', lastName: 'Bakker', cell: '06 12345678', email: 'anna@example.nl' },
    ],
  ] as const) {
    it(`${site} by touch at 360 px`, async function () {
      this.timeout(120_000);
      await setViewport({ width: 360, height: 740 });
      const api = await backend({ name: 'effort' });
      const page = await mount(api, site, lang);
      const choiceTaps = { count: 0 };
      const fieldTaps = { count: 0 };
      for (const [i, choice] of choices.entries()) {
        if (i > 0) await page.reach(i === 1 ? 'staff' : 'branch');
        await tap(button(page, choice), choiceTaps);
      }
      await page.reach('when');
      await chooseFirstFreeDateByTouch(page, choiceTaps);
      await tap(page.root.querySelector('[part~="time"]'), choiceTaps);
      await page.reach('details');
      for (const [name, value] of Object.entries(customer)) {
        await tap(page.field(name), fieldTaps);
        await type(value);
      }
      await tap(page.root.querySelector('[part~="book"]'), choiceTaps);
      await page.reach('result', 30_000);
      console.log(`${site} by touch: ${choiceTaps.count} taps on choices and Book, ${fieldTaps.count} on fields, plus typing`);
      expect(choiceTaps.count).to.be.at.most(choices.length + 2);
      if (site === 'demo-clinic')
        expect(choiceTaps.count + 1, "the clinic in 8 taps plus typing (one tap into the first field, the keyboard's Next key after)").to.be.at.most(
          8,
        );
    });
  }
});

/** The first free date is chosen already; a month without any offers the next available date, one tap. */
async function chooseFirstFreeDateByTouch(page: WidgetPage, taps: { count: number }): Promise<void> {
  const offer = page.root.querySelector('[part="next-available"]');
  if (offer) await tap(offer, taps);
  await page.reachTimes();
}
