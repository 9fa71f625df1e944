/**
 * The page behind a manage link (/manage/?site=...#bookwell-manage=...): a customer opens the link from their
 * message and cancels. Booked through the API from this page (an allowed origin), opened in its own tab.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { startBackend } from './backend.ts';
import { remoteUi } from './remote-ui.ts';

let api = '';

async function call(path: string, init: RequestInit & { token?: string } = {}): Promise<Record<string, any>> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('content-type', 'application/json');
  return (await fetch(`${api}/v1/${path}`, { ...init, headers })).json();
}

/** The first free time two or more days ahead (cancelling needs notice) of the clinic's first service, booked as the widget would. */
async function bookSomething(): Promise<{ manageUrl: string }> {
  const { token } = await call('session', { method: 'POST', body: JSON.stringify({ site: 'demo-clinic' }) });
  const { services } = await call('catalog', { token });
  const service = services[0].id as string;
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 29 * 86_400_000).toISOString().slice(0, 10);
  const { dates } = await call(`availability/dates?service=${service}&participants=1&from=${from}&to=${to}`, { token });
  const { times } = await call(`availability/times?service=${service}&participants=1&date=${dates[0]}`, { token });
  const { booking } = await call('bookings', {
    method: 'POST',
    token,
    headers: { 'idempotency-key': `manage-page-${Date.now()}` },
    body: JSON.stringify({ ref: times[0].ref, customer: { firstName: 'Rina', lastName: 'Manage', cell: '0521234567', idNumber: '000000018' } }),
  });
  return booking;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the manage page', () => {
  before(async function () {
    this.timeout(120_000);
    api = await startBackend('embed-manage');
  });

  it('shows the appointment of a manage link and lets the customer cancel it', async function () {
    this.timeout(60_000);
    const booked = await bookSomething();
    // The link exactly as the customer receives it: the site in the query, the token in the fragment.
    const manageUrl = booked.manageUrl;
    expect(manageUrl.startsWith(`${api}/manage/?site=demo-clinic#bookwell-manage=`)).to.equal(true);
    await executeServerCommand('bookwell-page-open', { url: manageUrl });
    try {
      const ui = remoteUi({ page: manageUrl });
      const deadline = Date.now() + 20_000;
      while (!(await ui({ kind: 'click', selector: '[part~="cancel"]' }))) {
        if (Date.now() > deadline) throw new Error(`no cancel button: ${JSON.stringify(await ui({ kind: 'state' }))}`);
        await pause(100);
      }
      while (!(await ui({ kind: 'click', selector: '[part~="cancel-confirm"]' }))) {
        if (Date.now() > deadline) throw new Error('no confirmation of the cancel');
        await pause(100);
      }
      // The page says so in the site's language; the backend says it in one word.
      const manage = new URL(manageUrl).hash.replace('#bookwell-manage=', '');
      let status: unknown = null;
      while (status !== 'cancelled') {
        if (Date.now() > deadline) throw new Error(`the booking is ${String(status)}, not cancelled`);
        await pause(100);
        status = (await call('manage', { headers: { authorization: `Bookwell-Manage ${manage}` } })).booking?.status;
      }
      expect(await ui({ kind: 'text', selector: '[part~="status"]' }))
        .to.be.a('string')
        .and.not.equal('');
    } finally {
      await executeServerCommand('bookwell-page-close', { url: manageUrl });
    }
  });
});
