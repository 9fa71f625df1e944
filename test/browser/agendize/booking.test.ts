/**
 * The widget on Agendize sites, end to end: Chromium, the real backend, and the strict Agendize fake behind it
 * (started through demo/agendize/start.ts). Keyboard only, in French; what was booked is checked in the fake's
 * state, as the business would see it in its Agendize back office.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { book, chooseFirstFreeDate, chooseTime, fillDetails } from '../e2e/steps.ts';
import { byText, press, tabTo, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';

interface FakeAppointment {
  id: string;
  reference: string;
  service: string;
  staff: string;
  start: number;
  status: string;
  deleted: boolean;
  notes: string;
}

/** The backend behind the fake; its first start on a busy machine can outlast one command's 20 s, so ask again. */
async function agendize(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await executeServerCommand<{ api: string }, Record<string, never>>('agendize-backend', {})).api;
    } catch (error) {
      if (attempt >= 5 || !/Did not receive a server response/.test(String(error))) throw error;
    }
  }
}

async function untilAppointment(test: (a: FakeAppointment) => boolean, what: string): Promise<FakeAppointment> {
  const end = Date.now() + 15_000;
  for (;;) {
    const state = await executeServerCommand<{ appointments: FakeAppointment[] }, Record<string, never>>('agendize-fake-state', {});
    const found = state.appointments.find(test);
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function mount(api: string, site: string, manage?: string): Promise<WidgetPage> {
  const el = manage
    ? await fixture<BookwellWidget>(html`<bookwell-widget site=${site} api=${api} lang="fr" manage=${manage}></bookwell-widget>`)
    : await fixture<BookwellWidget>(html`<bookwell-widget site=${site} api=${api} lang="fr"></bookwell-widget>`);
  return new WidgetPage(el);
}

async function choose(text: string): Promise<void> {
  await tabTo(byText(text));
  await press('Enter');
}

describe('e2e: the widget on Agendize', () => {
  it('books in French, shows the Agendize reference, and cancels', async function () {
    this.timeout(120_000);
    const api = await agendize();
    const page = await mount(api, 'agendize-salon');
    await page.reach('service', 60_000);
    await choose('Coupe femme');
    await page.reach('staff');
    await choose('Hélène Dupont');
    await page.reach('when');
    await chooseFirstFreeDate(page);
    await chooseTime(page);
    const chosen = page.chosenTime!;
    await fillDetails(page, { firstName: 'Françoise', lastName: 'Noël', cell: '06 12 34 56 78', notes: 'Première visite' });
    await book(page);
    await page.reach('result', 30_000);
    expect(page.text()).to.contain('Votre rendez-vous est réservé.');

    const stored = await untilAppointment(
      (a) => a.start === Date.parse(chosen.start) && a.staff === '3001' && !a.deleted,
      'the appointment in Agendize',
    );
    expect([stored.service, stored.status, stored.notes]).to.deep.equal(['2001', 'accepted', 'Première visite']);
    const shown = page.root.querySelector('[part="reference"]');
    expect(shown?.textContent).to.equal(stored.reference);
    expect(page.text()).to.contain('Référence');
    await expect(page.el).to.be.accessible();

    const manage = await mount(api, 'agendize-salon', await page.manageToken());
    await until(() => manage.root.querySelector('[part="cancel"]'), 'the cancel button', 30_000);
    expect(manage.root.querySelector('[part="reference"]')?.textContent).to.equal(stored.reference);
    await tabTo((el) => el.getAttribute('part') === 'cancel');
    await press('Enter');
    await tabTo((el) => el.getAttribute('part') === 'cancel-confirm');
    await press('Enter');
    await untilAppointment((a) => a.id === stored.id && a.status === 'cancelled', 'the appointment cancelled in Agendize (its history kept)');
    await until(() => manage.text().includes('Annulé'), 'the cancelled status');
    await expect(manage.el).to.be.accessible();
  });

  it('on an approval site, the booking waits for the business', async function () {
    this.timeout(120_000);
    const api = await agendize();
    const page = await mount(api, 'agendize-approval');
    await page.reach('service', 60_000);
    await choose('Coupe femme');
    await page.reach('staff');
    await choose('François Noël');
    await page.reach('when');
    await chooseFirstFreeDate(page);
    await chooseTime(page);
    const chosen = page.chosenTime!;
    await fillDetails(page, { firstName: 'Noël', lastName: 'Lefèvre', cell: '07 11 22 33 44' });
    await book(page);
    await page.reach('result', 30_000);
    expect(page.text()).to.contain("Pas encore réservé : l'établissement va examiner votre demande");
    const stored = await untilAppointment((a) => a.start === Date.parse(chosen.start) && a.staff === '3002', 'the request in Agendize');
    expect(stored.status).to.equal('pending');
    await expect(page.el).to.be.accessible();
  });
});
