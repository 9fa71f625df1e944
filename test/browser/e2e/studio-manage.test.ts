/**
 * After booking on demo-studio (real backend, English, keyboard only): the code from the outbox confirms it, the
 * manage view answers "are you coming?" and cancels, and the slot's free places go back up.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, press, tabTo, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { appointment, backend, bookAsSomeoneElse, freeTimes, idOf, outboxCode, someFreeTime } from './backend.ts';

const customer = { firstName: 'Sem', lastName: 'Jansen', cell: '0687654321', email: 'sem@example.nl' };

async function confirmByApi(api: string, bookingId: string, code: string) {
  const session = await fetch(`${api}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"site":"demo-studio"}',
  });
  const { token } = (await session.json()) as { token: string };
  const answer = await fetch(`${api}/v1/bookings/${bookingId}/confirm`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  expect(answer.status).to.equal(200);
}

describe('e2e: after booking on demo-studio', () => {
  it('confirms with the outbox code, answers "coming", cancels, and the places come back', async function () {
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
    await confirmByApi(api, booking.id, code!);

    const el = await fixture<BookwellWidget>(
      html`<bookwell-widget site="demo-studio" api=${api} lang="en" manage=${booking.manage}></bookwell-widget>`,
    );
    const page = new WidgetPage(el);
    await until(() => page.text().includes('Are you coming?'), 'the attendance question', 30_000);
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
