/** demo-clinic on the real backend: Hebrew, right to left, open calendar, any staff, two branches; keyboard only. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { addDays, monthOf, todayIn } from '../../../src/contract/plain-date.ts';
import { byText, focused, press, tabTo, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { appointment, backend, outboxMessageFor } from './backend.ts';
import { book, chooseFirstFreeDate, chooseTime, fillDetails } from './steps.ts';

describe('e2e: demo-clinic in Hebrew', () => {
  it('books by keyboard with any staff, and the backend holds the appointment', async function () {
    this.timeout(90_000);
    const api = await backend();
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api}></bookwell-widget>`);
    const page = new WidgetPage(el);
    const booked: string[] = [];
    el.addEventListener('bookwell-booked', (e) => booked.push(e.booking.id));

    await page.reach('service', 30_000);
    expect(page.heading()).to.equal('בחירת שירות');
    expect(page.root.querySelector('.base')!.getAttribute('dir')).to.equal('rtl');
    await tabTo(byText('בדיקה כללית'));
    await press('Enter');
    await page.reach('staff');
    await expect(el).to.be.accessible();
    await tabTo(byText('כל מי שפנוי'));
    await press('Enter');
    await page.reach('branch');
    await tabTo(byText('סניף תל אביב'));
    await press('Enter');
    await page.reach('when');
    await expect(el).to.be.accessible();

    // Right to left: the left arrow moves to the next day, the right arrow back, from a day whose next day is in
    // its month (on a month's last day the left arrow first goes on to the next month's first).
    const stop = await tabTo((e) => e.classList.contains('day'));
    let from = stop.getAttribute('data-date')!;
    const focusedDate = () => focused()?.getAttribute('data-date');
    if (monthOf(addDays(from, 1)) !== monthOf(from)) {
      await press('ArrowLeft');
      from = addDays(from, 1);
      expect(focusedDate()).to.equal(from);
    }
    await press('ArrowLeft');
    expect(focusedDate()).to.equal(addDays(from, 1));
    await press('ArrowRight');
    expect(focusedDate()).to.equal(from);
    await press('Shift+Tab');

    const date = await chooseFirstFreeDate(page);
    expect(page.times().length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    await chooseTime(page);
    const chosen = page.chosenTime!;
    await fillDetails(page, { firstName: 'נועה', lastName: 'כהן', cell: '050-1234567', idNumber: '000000018' });
    await expect(el).to.be.accessible();
    const since = new Date(Date.now() - 1000).toISOString();
    await book(page);
    await page.reach('result', 30_000);
    expect(page.text()).to.contain('התור נקבע.');
    await expect(el).to.be.accessible();

    expect(booked).to.deep.equal([page.booking!.id]);
    const kept = await appointment(api, (await outboxMessageFor(api, 'demo-clinic', 'booked', since, page.booking!.id)).manage);
    expect(kept.booking.id).to.equal(page.booking!.id);
    expect(kept.booking.status).to.equal('confirmed');
    expect(Date.parse(kept.booking.start)).to.equal(Date.parse(chosen.start));
    expect(kept.booking.start.slice(0, 10)).to.equal(date);
    // By name: ids depend on the order the demo sites were first set up in.
    expect(kept.booking.service.name).to.equal('בדיקה כללית');
    expect(kept.booking.branch?.name).to.equal('סניף תל אביב');
    expect(kept.booking.staff).to.not.equal(null);
  });

  it("a month without dates (the laser treatment needs six weeks' notice) offers the next available date", async function () {
    this.timeout(90_000);
    const api = await backend();
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api}></bookwell-widget>`);
    const page = new WidgetPage(el);
    await page.reach('service', 30_000);
    await tabTo(byText('טיפול לייזר'));
    await press('Enter');
    // Dr. Levi alone performs it, in one branch: straight to the dates.
    await page.reach('when');
    const offer = await until(() => page.root.querySelector<HTMLButtonElement>('[part="next-available"]'), 'the next-available offer');
    expect(page.selectedDate() === undefined, 'no date of this month chosen').to.equal(true);
    await tabTo((e) => e === offer);
    await press('Enter');
    await page.reachTimes();
    const date = page.selectedDate()!;
    expect(date >= addDays(todayIn('Asia/Jerusalem', new Date()), 42), `${date} is six weeks away`).to.equal(true);
    expect(page.times().length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });
});
