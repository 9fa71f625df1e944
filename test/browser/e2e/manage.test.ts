/** The manage view on the real backend (demo-clinic, Hebrew): "are you coming?", cancel, and a refusal said in words. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, press, tabTo, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { appointment, backend, bookAsSomeoneElse, someFreeTime } from './backend.ts';

const customer = { firstName: 'נועה', lastName: 'כהן', cell: '0501234567', idNumber: '000000018' };

/** An appointment made through the API, two or more days ahead (cancelling needs notice). */
async function bookClinic(api: string, service: string) {
  const time = await someFreeTime(api, 'demo-clinic', { service, participants: '1' });
  const answer = await bookAsSomeoneElse({ api, site: 'demo-clinic', service, date: time.date, start: time.start, customer });
  expect(answer.booking, JSON.stringify(answer)).to.not.equal(undefined);
  return answer.booking!;
}

describe('e2e: managing an appointment', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('opens from the page address, answers "coming" and cancels by keyboard; the backend agrees', async function () {
    this.timeout(90_000);
    const api = await backend({ name: 'manage' });
    const booking = await bookClinic(api, '1');
    history.replaceState(null, '', `#bookwell-manage=${encodeURIComponent(booking.manage)}`);
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api}></bookwell-widget>`);
    const page = new WidgetPage(el);
    await until(() => page.text().includes('אישור הגעה לתור'), 'the attendance question', 30_000);
    await expect(el).to.be.accessible();
    expect(page.root.querySelector('[part="calendar-links"] a')?.getAttribute('href')).to.match(
      /^data:text\/calendar;charset=utf-8,BEGIN%3AVCALENDAR/,
    );

    await tabTo(byText('כן, אגיע'));
    await press('Enter');
    await until(() => page.text().includes('תודה, נחכה לך.'), 'the thanks');
    expect((await appointment(api, booking.manage)).booking.attendance).to.equal('yes');

    await tabTo((e) => e.getAttribute('part') === 'cancel');
    await press('Enter');
    await tabTo((e) => e.getAttribute('part') === 'cancel-confirm', { backwards: true });
    await press('Enter');
    await until(() => page.text().includes('בוטל'), 'the cancelled state');
    expect((await appointment(api, booking.manage)).booking.status).to.equal('cancelled');
  });

  it('says why an appointment cannot be cancelled online', async function () {
    this.timeout(90_000);
    const api = await backend({ name: 'manage' });
    const booking = await bookClinic(api, '2');
    const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} manage=${booking.manage}></bookwell-widget>`);
    const page = new WidgetPage(el);
    await until(() => page.text().includes('לא ניתן לבטל תור זה באתר'), 'the refusal', 30_000);
    expect(page.root.querySelector('[part="cancel"]')).to.equal(null);
  });
});
