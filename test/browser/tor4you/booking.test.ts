/**
 * The widget on Tor4You sites, end to end: Chromium, the real backend, and the strict Tor4You fake behind it
 * (started by test/browser/platform-demo-plugin.mjs through demo/tor4you/start.ts). Keyboard only, in Hebrew; what was booked is checked
 * in the fake's state, as the business would see it in its Tor4You dashboard.
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
  id: string;
  status: '0' | '1';
  from: string;
  staff: string;
  service: string;
  iscoming: number;
  islozamin: boolean;
}

async function tor4you(): Promise<string> {
  return (await startedServer<{ api: string }>('tor4you-backend', {})).api;
}

async function appointmentsOn(site: '5001' | '5002'): Promise<FakeAppointment[]> {
  return (await executeServerCommand<{ appointments: FakeAppointment[] }, { site: string }>('tor4you-fake-state', { site })).appointments;
}

/** Waits until the fake holds an appointment matching `test`, and returns it. */
async function untilAppointment(site: '5001' | '5002', test: (a: FakeAppointment) => boolean, what: string): Promise<FakeAppointment> {
  const end = Date.now() + 15_000;
  for (;;) {
    const found = (await appointmentsOn(site)).find(test);
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `YYYYMMDDhhmm` of an RFC 3339 time, in Israel (the fake's wall clock). */
function torTime(instant: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Jerusalem',
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
  return `${parts['year']}${parts['month']}${parts['day']}${parts['hour']}${parts['minute']}`;
}

async function mount(api: string, site: string, manage?: string): Promise<WidgetPage> {
  const el = manage
    ? await fixture<BookwellWidget>(html`<bookwell-widget site=${site} api=${api} manage=${manage}></bookwell-widget>`)
    : await fixture<BookwellWidget>(html`<bookwell-widget site=${site} api=${api}></bookwell-widget>`);
  return new WidgetPage(el);
}

async function choose(text: string): Promise<void> {
  await tabTo(byText(text));
  await press('Enter');
}

describe('e2e: the widget on Tor4You', () => {
  it('books a slot on a timeslots calendar, answers "are you coming?" and cancels', async function () {
    this.timeout(120_000);
    const api = await tor4you();
    const page = await mount(api, 'tor4you-slots');
    await page.reach('service', 60_000);
    await choose('פגישת ייעוץ');
    await page.reach('staff');
    await choose('דנה לוי');
    await page.reach('when');
    await chooseFirstFreeDate(page);
    await chooseTime(page);
    const chosen = page.chosenTime!;
    await fillDetails(page, { firstName: 'נועה', lastName: 'כהן', cell: '050-1234567' });
    await book(page);
    await page.reach('result', 30_000);
    expect(page.text()).to.contain('התור נקבע.');
    await expect(page.el).to.be.accessible();

    const stored = await untilAppointment(
      '5001',
      (a) => a.status === '1' && !a.islozamin && a.from === torTime(chosen.start),
      'the appointment in Tor4You',
    );
    expect([stored.staff, stored.service]).to.deep.equal(['8001', '7002']);

    const manage = await mount(api, 'tor4you-slots', await page.manageToken());
    await until(() => manage.root.querySelector('[part="attendance"]'), 'the "are you coming?" question', 30_000);
    await choose('כן, אגיע');
    await untilAppointment('5001', (a) => a.id === stored.id && a.iscoming === 1, 'iscoming = 1 in Tor4You');

    await tabTo((el) => el.getAttribute('part') === 'cancel');
    await press('Enter');
    await tabTo((el) => el.getAttribute('part') === 'cancel-confirm');
    await press('Enter');
    await untilAppointment('5001', (a) => a.id === stored.id && a.status === '0', 'the appointment cancelled in Tor4You');
    await until(() => manage.text().includes('בוטל'), 'the cancelled status');
    await expect(manage.el).to.be.accessible();
  });

  it('books an open-calendar time with staff and branch (signed calls) and answers "not coming"', async function () {
    this.timeout(120_000);
    const api = await tor4you();
    const page = await mount(api, 'tor4you-open');
    await page.reach('service', 60_000);
    await choose('תספורת');
    await page.reach('staff');
    await choose('רונית אברהם');
    // Ronit works only in the north branch: it is chosen for the customer, who never sees a branch step.
    await page.reach('when');
    expect(page.text()).to.contain('צפון');
    await chooseFirstFreeDate(page);
    await chooseTime(page);
    const chosen = page.chosenTime!;
    await fillDetails(page, { firstName: 'דן', lastName: 'לוי', cell: '052-7654321' });
    await book(page);
    await page.reach('result', 30_000);
    expect(page.text()).to.contain('התור נקבע.');

    const stored = await untilAppointment(
      '5002',
      (a) => a.status === '1' && a.from === torTime(chosen.start) && a.staff === '8101',
      'the appointment in Tor4You',
    );
    expect(stored.service).to.equal('7101');

    const manage = await mount(api, 'tor4you-open', await page.manageToken());
    await until(() => manage.root.querySelector('[part="attendance"]'), 'the "are you coming?" question', 30_000);
    await choose('לא אוכל להגיע');
    await untilAppointment('5002', (a) => a.id === stored.id && a.iscoming === 2, 'iscoming = 2 in Tor4You');
  });
});
