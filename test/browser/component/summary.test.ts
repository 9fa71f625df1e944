/**
 * The summary of what is chosen, above every step after the first, and the words the steps use for prices and times:
 * each item a way back to its step, "Free" for a zero price, time buttons named as a person says them.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { loadMessages } from '../../../src/widget/i18n/load.ts';
import { languages } from '../../../src/contract/index.ts';
import { until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, catalog, installFakeApi, timesOf, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => fake?.restore());

async function mount(lang = 'en'): Promise<WidgetPage> {
  const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang=${lang}></bookwell-widget>`);
  const page = new WidgetPage(el);
  await page.reach('service');
  return page;
}

function choose(page: WidgetPage, text: string): void {
  const option = [...page.root.querySelectorAll<HTMLButtonElement>('[part~="option"]')].find((b) => b.textContent?.includes(text));
  if (!option) throw new Error(`no option ${text} on step ${page.step}`);
  option.click();
}

const summaryItems = (page: WidgetPage) =>
  [...page.root.querySelectorAll<HTMLElement>('[part="choices"] [part="choice"]')].map((item) => ({
    text: item.textContent?.trim() ?? '',
    link: item.tagName === 'BUTTON',
    name: item.getAttribute('aria-label'),
  }));

describe('<bookwell-widget> summary of the choices (fake API)', () => {
  it('shows every choice and the price above each step after the first, each a way back to change it', async () => {
    fake = installFakeApi();
    const page = await mount();
    expect(page.root.querySelector('[part="choices"]'), 'no summary before anything is chosen').to.equal(null);
    choose(page, 'Checkup');
    await page.reach('staff');
    expect(summaryItems(page)).to.deep.equal([{ text: 'Checkup', link: true, name: 'Service: Checkup. Change' }]);
    expect(page.root.querySelector('[part="choices"] [part="price"]')?.textContent).to.contain('200');
    choose(page, 'Dana');
    await page.reach('branch');
    choose(page, 'North');
    await page.reach('when');
    await page.reachTimes();
    const onWhen = summaryItems(page);
    expect(onWhen.map((i) => i.text).slice(0, 3)).to.deep.equal(['Checkup', 'Dana', 'North']);
    expect(onWhen.slice(0, 3).every((i) => i.link)).to.equal(true);
    // The chosen date is named, but it is this step's own choice: not a link away from it.
    expect(onWhen[3]).to.include({ link: false });
    page.root.querySelector<HTMLButtonElement>('[part~="time"]')!.click();
    await page.reach('details');
    const onDetails = summaryItems(page);
    expect(onDetails).to.have.length(4);
    expect(onDetails[3]!.text).to.match(/9:00\sAM/);
    expect(onDetails[3]!.link).to.equal(true);
    // Back to the staff step from its link, with the staff member still chosen.
    page.root.querySelector<HTMLButtonElement>('[part="choice"][aria-label="With: Dana. Change"]')!.click();
    await page.reach('staff');
    expect(page.root.querySelector('[part~="option"][aria-pressed="true"]')?.textContent).to.contain('Dana');
    await expect(page.el).to.be.accessible();
  });

  it('says Free for a service that costs nothing, on the service step and in the summary', async () => {
    fake = installFakeApi({ catalog: { ...catalog, services: catalog.services.map((s) => ({ ...s, price: s.id === 'checkup' ? 0 : s.price })) } });
    const page = await mount('he');
    const option = [...page.root.querySelectorAll('[part~="option"]')].find((b) => b.textContent?.includes('Checkup'))!;
    expect(option.textContent)
      .to.contain('חינם')
      .and.not.match(/0[\s\u200f]*₪|₪[\s\u200f]*0\b/);
    choose(page, 'Checkup');
    await page.reach('staff');
    expect(page.root.querySelector('[part="choices"] [part="price"]')?.textContent).to.contain('חינם');
  });
});

describe('<bookwell-widget> words for times', () => {
  afterEach(() => executeServerCommand('bookwell-customer-timezone', { timeZone: null }));

  it("names a time button as a person says it: the time, the places left, the customer's own time", async () => {
    await executeServerCommand('bookwell-customer-timezone', { timeZone: 'America/New_York' });
    fake = installFakeApi({ times: (date) => timesOf(date).map((t) => ({ ...t, placesLeft: 8 })) });
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="checkup" staff="eli" branch="north"></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await page.reach('when');
    await page.reachTimes();
    const first = page.root.querySelector('[part~="time"]')!;
    expect(first.getAttribute('aria-label')).to.match(/^9:00\sAM, 8 places left, 2:00\sAM your time$/);
    await until(() => page.live().includes('4 times available.'), 'the count said in times');
  });

  it('counts free times in words meaning times, not hours, in every language', async () => {
    const hours: Record<string, RegExp> = { en: /hour/i, he: /שעות|שעה/, nl: /uur/i, fr: /heure/i };
    for (const lang of languages) {
      const m = await loadMessages(lang);
      expect(m.timesLoaded(5), lang).to.contain('5').and.not.match(hours[lang]!);
      expect(m.timesLoaded(1), lang).to.not.match(hours[lang]!);
    }
  });
});
