/** The hidden field on the real backend: what a bot types into it gets the booking refused; a person books. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { backend } from './backend.ts';

describe('e2e: the hidden field against bots', () => {
  it('refuses a booking whose hidden field was filled, books nothing, and books once it is empty', async function () {
    this.timeout(90_000);
    const api = await backend();
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" service="1" branch="1"
      first-name="Bot" last-name="Botson" phone="050-7654321"></bookwell-widget>`);
    const page = new WidgetPage(el);
    const booked: string[] = [];
    el.addEventListener('bookwell-booked', (e) => booked.push(e.booking.id));
    await page.reach('staff', 30_000);
    [...page.root.querySelectorAll<HTMLButtonElement>('[part~="option"]')].find(byText('Any available'))!.click();
    await page.reach('when');
    await page.reachTimes();
    page.root.querySelector<HTMLButtonElement>('[part~="time"]')!.click();
    await page.reach('details');
    const fill = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    const trap = page.root.querySelector<HTMLInputElement>('input[name="website"]')!;
    fill(trap, 'http://spam.example');
    fill(page.field('idNumber'), '000000018');
    page.root.querySelector<HTMLButtonElement>('[part~="book"]')!.click();
    const alert = await until(() => page.root.querySelector('.details [role="alert"]'), 'the refusal', 30_000);
    expect(alert.textContent).to.not.equal('');
    expect(page.step).to.equal('details');
    expect(booked).to.deep.equal([]);

    fill(trap, '');
    page.root.querySelector<HTMLButtonElement>('[part~="book"]')!.click();
    await page.reach('result', 30_000);
    expect(booked.length).to.equal(1);
  });
});
