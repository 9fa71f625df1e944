/**
 * After booking on demo-studio (real backend, English, keyboard only): the booking's manage view takes the code from
 * the outbox and confirms it, answers "are you coming?" and cancels, and the slot's free places go back up.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byLabel, byText, press, tabTo, type, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { appointment, backend, bookAsSomeoneElse, freeTimes, idOf, outboxCode, someFreeTime } from './backend.ts';

const customer = { firstName: 'Sem', lastName: 'Jansen', cell: '0687654321', email: 'sem@example.nl' };

describe('e2e: after booking on demo-studio', () => {
  it('confirms with the outbox code in the manage view, answers "coming", cancels, and the places come back', async function () {
    this.timeout(90_000);
    const api = await backend({ name: 'studio-manage' });
    const yoga = await idOf(api, 'demo-studio', 'services', 'Yoga flow');
    const time = await someFreeTime(api, 'demo-studio', { service: yoga, participants: '2' });
    const placesBefore = time.placesLeft!;
    const since = new Date(Date.now() - 1000).toISOString();
    const answer = await bookAsSomeoneElse({
      api,
      site: 'demo-studio',
      service: yoga,
      date: time.date,
      start: time.start,
      participants: 2,
      customer,
    });
    const booking = answer.booking!;
    expect(booking.status).to.equal('pending_code');
    const placesOf = async () =>
      (await freeTimes(api, 'demo-studio', { service: yoga, participants: '1', date: time.date })).find(
        (t) => Date.parse(t.start) === Date.parse(time.start),
      )?.placesLeft;
    expect(await placesOf()).to.equal(placesBefore - 2, 'a pending booking holds its places');

    const code = await outboxCode(api, 'demo-studio', customer.email, since);
    expect(code).to.match(/^\d{6}$/);

    // Opened from its link while it waits for its code: the code is typed there.
    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-studio" api=${api} lang="en" manage=${booking.manage}></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await until(() => page.root.querySelector('input#code'), 'the code field', 30_000);
    expect(page.root.querySelector('[part~="status"]')!.textContent).to.equal('Waiting for your code');
    await expect(el).to.be.accessible();
    await tabTo(byLabel('Confirmation code'));
    await type(code!);
    await press('Enter');
    await until(() => page.text().includes('Are you coming?'), 'the attendance question', 30_000);
    expect(page.root.querySelector('[part~="status"]')!.textContent).to.equal('Confirmed');
    expect((await appointment(api, booking.manage)).booking.status).to.equal('confirmed', 'confirmed in the engine');
    await expect(el).to.be.accessible();
    await tabTo(byText('Yes, I am coming'));
    await press('Enter');
    await until(() => page.text().includes('Thank you, we expect you.'), 'the thanks');
    expect((await appointment(api, booking.manage)).booking.attendance).to.equal('yes', 'iscoming = 1 in the engine');

    await tabTo((e) => e.getAttribute('part') === 'cancel');
    await press('Enter');
    await tabTo((e) => e.getAttribute('part') === 'cancel-confirm', { backwards: true });
    await press('Enter');
    await until(() => page.text().includes('The appointment is cancelled.'), 'the cancelled state');
    expect((await appointment(api, booking.manage)).booking.status).to.equal('cancelled');
    expect(await placesOf()).to.equal(placesBefore, 'the places are free again');
  });
});
