/**
 * The widget on OnlineAfspraken sites, end to end: Chromium, the real backend, and the strict OnlineAfspraken fake
 * behind it (started by ../platform-demo-plugin.mjs through demo/onlineafspraken/start.ts). Keyboard only, in
 * Dutch; the code the platform "sent" and what was booked are read from the fake, as the customer reads their
 * e-mail and the business its back office.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { startedServer } from '../start-backend.ts';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { book, chooseFirstFreeDate, chooseTime, fillDetails } from '../e2e/steps.ts';
import { byText, press, tabTo, type, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';

interface FakeAppointment {
  Id: string;
  AppointmentTypeId: string;
  ResourceId: string;
  date: string;
  start: string;
  Description: string;
  extra: Record<string, string>;
  Status: '1' | '2';
  Label: '1' | '2' | '4';
  code: string | null;
}

/** The first start (build, fake, backend) can take longer than one command may wait: ask again until it is up. */
async function onlineafspraken(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await startedServer<{ api: string }>('onlineafspraken-backend', {})).api;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

async function untilAppointment(test: (a: FakeAppointment) => boolean, what: string): Promise<FakeAppointment> {
  const end = Date.now() + 15_000;
  for (;;) {
    const state = await executeServerCommand<{ appointments: FakeAppointment[] }, { account: string }>('onlineafspraken-fake-state', {
      account: 'salon',
    });
    const found = state.appointments.find(test);
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The Amsterdam wall clock of an instant, as the platform stores it. */
function wall(instant: string): { date: string; start: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Amsterdam',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, start: `${parts['hour']}:${parts['minute']}` };
}

async function mount(api: string, manage?: string): Promise<WidgetPage> {
  const el = manage
    ? await fixture<BookwellWidget>(html`<bookwell-widget site="oa-salon" api=${api} lang="nl" manage=${manage}></bookwell-widget>`)
    : await fixture<BookwellWidget>(html`<bookwell-widget site="oa-salon" api=${api} lang="nl"></bookwell-widget>`);
  return new WidgetPage(el);
}

async function choose(text: string): Promise<void> {
  await tabTo(byText(text));
  await press('Enter');
}

/** Books a service in Dutch (with one staff member when it has several), enters a wrong code, then the one the platform sent. */
async function bookAndConfirm(
  api: string,
  service: string,
  staff: string | null,
  notes: string,
): Promise<{ page: WidgetPage; stored: FakeAppointment }> {
  const page = await mount(api);
  await page.reach('service', 60_000);
  await choose(service);
  if (staff) {
    await page.reach('staff');
    await choose(staff);
  }
  await page.reach('when');
  await chooseFirstFreeDate(page);
  await chooseTime(page);
  const chosen = wall(page.chosenTime!.start);
  await fillDetails(page, { firstName: 'Sanne', lastName: 'Visser', cell: '06 1234 5678', email: 'sanne.visser@example.nl', notes });
  await book(page);
  await page.reach('result', 30_000);
  expect(page.booking!.status).to.equal('pending_code');
  expect(page.text()).to.contain('Vul deze in om uw afspraak te bevestigen.');
  const stored = await untilAppointment(
    (a) => a.date === chosen.date && a.start === chosen.start && a.Description === notes,
    'the appointment in OnlineAfspraken',
  );
  expect(stored.code).to.match(/^\d{6}$/);

  expect(page.root.querySelector('[part="send-again"]') !== null, 'OnlineAfspraken cannot send a code again').to.equal(false);
  await tabTo((el) => el.id === 'code');
  await type(stored.code === '000000' ? '111111' : '000000');
  await press('Enter');
  await until(() => page.root.querySelector('#code-error'), 'the wrong-code message');
  await tabTo((el) => el.id === 'code');
  for (let i = 0; i < 6; i++) await press('Backspace');
  await type(stored.code!);
  await press('Enter');
  await until(() => page.booking!.status === 'confirmed', 'the confirmed booking');
  expect(page.text()).to.contain('Uw afspraak is geboekt.');
  await untilAppointment((a) => a.Id === stored.Id && a.Label === '2', 'the appointment approved in OnlineAfspraken');
  return { page, stored };
}

describe('e2e: the widget on OnlineAfspraken, in Dutch', () => {
  it('books by keyboard, confirms the code the platform sent, and cancels from the manage view (no "are you coming?")', async function () {
    this.timeout(120_000);
    const api = await onlineafspraken();
    const { page, stored } = await bookAndConfirm(api, 'Knippen', 'Sanne de Vries', 'Alleen de punten');
    expect([stored.AppointmentTypeId, stored.ResourceId, stored.extra['Toelichting']]).to.deep.equal(['101', '187', 'Alleen de punten']);
    await expect(page.el).to.be.accessible();

    const manage = await mount(api, await page.manageToken());
    await until(() => manage.root.querySelector('[part="cancel"]'), 'the cancel button', 30_000);
    expect(manage.root.querySelector('[part="attendance"]') !== null, 'OnlineAfspraken has no "are you coming?"').to.equal(false);
    await tabTo((el) => el.getAttribute('part') === 'cancel');
    await press('Enter');
    await tabTo((el) => el.getAttribute('part') === 'cancel-confirm');
    await press('Enter');
    await untilAppointment((a) => a.Id === stored.Id && a.Status === '2', 'the appointment cancelled in OnlineAfspraken');
    await until(() => manage.text().includes('Geannuleerd'), 'the cancelled status');
    await expect(manage.el).to.be.accessible();
  });

  it('inside the cancel deadline the manage view says so and offers no cancel', async function () {
    this.timeout(120_000);
    const api = await onlineafspraken();
    // Kleuren (only Daan does it, so no staff step): the salon lets customers cancel online until a week before.
    const { page, stored } = await bookAndConfirm(api, 'Kleuren', null, 'Koper graag');
    const manage = await mount(api, await page.manageToken());
    const refused = await until(() => manage.root.querySelector('[part="cancel-refused"]'), 'the refusal', 30_000);
    expect(refused.textContent).to.contain('Het is te laat om online te annuleren; bel de zaak.');
    expect(manage.root.querySelector('[part="cancel"]') !== null).to.equal(false);
    expect(manage.root.querySelector('[part="attendance"]') !== null).to.equal(false);
    const still = await untilAppointment((a) => a.Id === stored.Id, 'the appointment');
    expect(still.Status).to.equal('1');
    await expect(manage.el).to.be.accessible();
  });
});
