import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellCalendar } from '../../../src/widget/index.ts';
import { focused, press } from '../keyboard.ts';

async function calendar(dir: 'ltr' | 'rtl', lang: 'en' | 'he', weekStart: number) {
  const wrapper = await fixture<HTMLDivElement>(html`<div dir=${dir}>
    <bookwell-calendar .today=${'2026-12-08'} .month=${'2026-12'} .available=${['2026-12-10', '2026-12-15']} .lang=${lang} .weekStart=${weekStart}></bookwell-calendar>
  </div>`);
  const el = wrapper.querySelector('bookwell-calendar') as BookwellCalendar;
  await el.updateComplete;
  const root = el.shadowRoot!;
  const day = (d: string) => root.querySelector<HTMLButtonElement>(`button[data-date="${d}"]`)!;
  return { el, root, day };
}

describe('<bookwell-calendar>', () => {
  it('has one tab stop, on the first free date, and labels every day in full', async () => {
    const { root, day } = await calendar('ltr', 'en', 1);
    const stops = root.querySelectorAll('button.day[tabindex="0"]');
    expect(stops).to.have.length(1);
    expect(stops[0]).to.equal(day('2026-12-10'));
    expect(day('2026-12-10').getAttribute('aria-label')).to.equal('Thursday, December 10, 2026');
    expect(day('2026-12-09').getAttribute('aria-label')).to.equal('Wednesday, December 9, 2026, not available');
    expect(day('2026-12-09').getAttribute('aria-disabled')).to.equal('true');
    expect(day('2026-12-08').getAttribute('aria-current')).to.equal('date');
    expect(root.querySelector('th')!.textContent).to.equal('Mon');
  });

  it('starts the week on Sunday in Hebrew and swaps left and right', async () => {
    const { root, day } = await calendar('rtl', 'he', 0);
    expect(root.querySelector('th')!.getAttribute('abbr')).to.equal('יום ראשון');
    day('2026-12-10').focus();
    await press('ArrowLeft');
    expect(focused()?.getAttribute('data-date')).to.equal('2026-12-11');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(focused()?.getAttribute('data-date')).to.equal('2026-12-09');
  });

  it('moves by day, week and week edges with the keyboard, unavailable dates included', async () => {
    const { day } = await calendar('ltr', 'en', 1);
    day('2026-12-10').focus();
    await press('ArrowRight');
    expect(focused()?.getAttribute('data-date')).to.equal('2026-12-11');
    await press('ArrowDown');
    expect(focused()?.getAttribute('data-date')).to.equal('2026-12-18');
    await press('Home');
    expect(focused()?.getAttribute('data-date')).to.equal('2026-12-14');
    await press('End');
    expect(focused()?.getAttribute('data-date')).to.equal('2026-12-20');
    await press('ArrowUp');
    expect(focused()?.getAttribute('tabindex')).to.equal('0');
  });

  it('changes month with PageDown, asks for its dates and announces it', async () => {
    const { el, root, day } = await calendar('ltr', 'en', 1);
    const months: string[] = [];
    el.addEventListener('bookwell-calendar-month', (e) => months.push((e as Event & { month: string }).month));
    day('2026-12-31').focus();
    await press('PageDown');
    await el.updateComplete;
    expect(months).to.deep.equal(['2027-01']);
    expect(focused()?.getAttribute('data-date')).to.equal('2027-01-31');
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('January 2027');
    await press('PageUp');
    await press('PageUp');
    await el.updateComplete;
    expect(months).to.deep.equal(['2027-01', '2026-12']);
    expect(focused()?.getAttribute('data-date')).to.equal('2026-12-01');
  });

  it('puts the tab stop on the first free date of a month shown with the month buttons', async () => {
    const { el, root } = await calendar('ltr', 'en', 1);
    root.querySelector<HTMLButtonElement>('button[aria-label="Next month"]')!.click();
    el.available = ['2027-01-20'];
    await el.updateComplete;
    expect(root.querySelector('button.day[tabindex="0"]')!.getAttribute('data-date')).to.equal('2027-01-20');
  });

  it('chooses only available dates', async () => {
    const { el, day } = await calendar('ltr', 'en', 1);
    const chosen: string[] = [];
    el.addEventListener('bookwell-calendar-select', (e) => chosen.push((e as Event & { date: string }).date));
    day('2026-12-09').focus();
    await press('Enter');
    await press('ArrowRight');
    await press('Enter');
    expect(chosen).to.deep.equal(['2026-12-10']);
  });

  it('is accessible', async () => {
    const { el } = await calendar('ltr', 'en', 1);
    await expect(el).to.be.accessible();
  });
});
