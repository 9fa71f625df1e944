/**
 * The widget on TimeTap sites, end to end: Chromium, the real backend, and the strict TimeTap fake behind it
 * (started by the platform demo plugin through demo/timetap/start.ts). Keyboard only, in English; what was
 * booked is checked in the fake's state, as the business would see it in TimeTap's back office.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { startedServer } from '../start-backend.ts';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { book, chooseFirstFreeDate, chooseTime, fillDetails } from '../e2e/steps.ts';
import { byText, press, tabTo, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';

interface FakeAppointment {
  calendarId: number;
  professionalId: number;
  reasonId: number;
  locationId: number;
  clientStartDate: string;
  clientStartTime: number;
  status: string;
  clientConfirmed: boolean;
}

/** The backend's URL; a command waits at most 20 s, and on a busy machine the demo takes longer to start. */
async function timetap(): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await startedServer<{ api: string }>('timetap-backend', {})).api;
    } catch (error) {
      if (attempt === 4 || !/within \d+ms/.test(String(error))) throw error;
    }
  }
}

/** Waits until the fake holds an appointment matching `test`, and returns it. */
async function untilAppointment(test: (a: FakeAppointment) => boolean, what: string): Promise<FakeAppointment> {
  const end = Date.now() + 15_000;
  for (;;) {
    const state = await executeServerCommand<{ appointments: FakeAppointment[] }, Record<string, never>>('timetap-fake-state', {});
    const found = state.appointments.find(test);
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The wall clock of an instant in a zone, as TimeTap's military time (930 = 09:30). */
function militaryIn(zone: string, instant: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return Number(parts['hour']) * 100 + Number(parts['minute']);
}

async function mount(api: string, site: string, manage?: string): Promise<WidgetPage> {
  const el = manage
    ? await fixture<BookwellWidget>(html`<bookwell-widget site=${site} api=${api} lang="en" manage=${manage}></bookwell-widget>`)
    : await fixture<BookwellWidget>(html`<bookwell-widget site=${site} api=${api} lang="en"></bookwell-widget>`);
  return new WidgetPage(el);
}

async function choose(text: string): Promise<void> {
  await tabTo(byText(text));
  await press('Enter');
}

/** Books the first free time of the next days through the HTTP API, as another customer would; its manage token. */
async function bookThroughApi(api: string, site: string): Promise<string> {
  const session = (await (
    await fetch(`${api}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site }) })
  ).json()) as { token: string };
  const headers = { authorization: `Bearer ${session.token}` };
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const { dates } = (await (await fetch(`${api}/v1/availability/dates?service=601&from=${from}&to=${to}`, { headers })).json()) as {
    dates: string[];
  };
  const { times } = (await (await fetch(`${api}/v1/availability/times?service=601&date=${dates[0]}`, { headers })).json()) as {
    times: Array<{ ref: string }>;
  };
  const response = await fetch(`${api}/v1/bookings`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `e2e-${Date.now()}` },
    body: JSON.stringify({ ref: times[0]!.ref, customer: { firstName: 'Noah', lastName: 'Price', cell: '646-555-0188', email: 'noah@example.com' } }),
  });
  const { booking } = (await response.json()) as { booking: { status: string; manage: string } };
  expect(booking.status).to.equal('pending_approval');
  return booking.manage;
}

const details = (first: string) => ({ firstName: first, lastName: 'Bennett', cell: '212-555-0143', email: `${first.toLowerCase()}@example.com` });

describe('e2e: the widget on TimeTap', () => {
  it('books with a staff member in Chicago, answers "are you coming?" and cancels', async function () {
    this.timeout(120_000);
    const api = await timetap();
    const page = await mount(api, 'timetap-clinic');
    await page.reach('service', 60_000);
    await choose('Consultation');
    await page.reach('staff');
    await choose('James Carter');
    await page.reach('branch');
    await choose('Midtown Clinic');
    await page.reach('when');
    await chooseFirstFreeDate(page);
    await chooseTime(page);
    const chosen = page.chosenTime!;
    await fillDetails(page, details('Olivia'));
    await book(page);
    await page.reach('result', 30_000);
    expect(page.text()).to.contain('Your appointment is booked.');
    await expect(page.el).to.be.accessible();

    // TimeTap holds it in James's own wall clock: Chicago time.
    const stored = await untilAppointment(
      (a) => a.professionalId === 702 && a.status === 'OPEN' && a.clientStartTime === militaryIn('America/Chicago', chosen.start),
      'the appointment in TimeTap',
    );
    expect([stored.reasonId, stored.locationId]).to.deep.equal([601, 501]);

    const manage = await mount(api, 'timetap-clinic', await page.manageToken());
    await until(() => manage.root.querySelector('[part="attendance"]'), 'the "are you coming?" question', 30_000);
    await choose('Yes, I am coming');
    await untilAppointment((a) => a.calendarId === stored.calendarId && a.clientConfirmed, 'clientConfirmed in TimeTap');

    await tabTo((el) => el.getAttribute('part') === 'cancel');
    await press('Enter');
    await tabTo((el) => el.getAttribute('part') === 'cancel-confirm');
    await press('Enter');
    await untilAppointment((a) => a.calendarId === stored.calendarId && a.status === 'CANCELLED', 'the appointment cancelled in TimeTap');
    await until(() => manage.text().includes('Cancelled'), 'the cancelled status');
    await expect(manage.el).to.be.accessible();
  });

  it('on an approval site, the booking waits for the business', async function () {
    this.timeout(120_000);
    const api = await timetap();
    const page = await mount(api, 'timetap-approval');
    await page.reach('service', 60_000);
    await choose('Therapy session');
    await page.reach('when');
    await chooseFirstFreeDate(page);
    await chooseTime(page);
    await fillDetails(page, details('Liam'));
    await book(page);
    await page.reach('result', 30_000);
    expect(page.text()).to.contain('Not booked yet: the business will look at your request');
    await untilAppointment((a) => a.reasonId === 602 && a.status === 'PENDING_CONFIRMATION', 'a PENDING_CONFIRMATION appointment in TimeTap');

    // A waiting booking has no calendar links to carry its manage link: the one the API gave is opened instead.
    const manage = await mount(api, 'timetap-approval', await bookThroughApi(api, 'timetap-approval'));
    await until(() => manage.text().includes('Waiting for the business'), 'the waiting status', 30_000);
    expect(manage.root.querySelector('[part="attendance"]'), 'nothing to answer before the business confirms').to.equal(null);
    await expect(manage.el).to.be.accessible();
  });
});
