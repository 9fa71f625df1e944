import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { Booking, ManageView } from '../../../src/contract/index.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { focused, press, tabTo, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, bookingFor, daysAhead, installFakeApi, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => fake?.restore());

function viewOf(overrides: Partial<ManageView> = {}): ManageView {
  const booking: Booking = bookingFor({ body: { ref: `ref-${daysAhead(3)}-0` } } as never);
  return {
    booking,
    site: { name: 'Demo Clinic', phone: '03-555-0100', address: 'Herzl 10, Tel Aviv', timezone: 'Asia/Jerusalem', locale: 'he' },
    cancel: { allowed: true },
    attendance: { allowed: true },
    cancelUntil: null,
    calendar: { file: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', google: 'https://calendar.google.com/x', outlook: 'https://outlook.live.com/x' },
    ...overrides,
  };
}

const mount = () =>
  fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" manage="manage-token-1"></bookwell-widget>`);

describe('<bookwell-widget> manage view (fake API)', () => {
  it('shows the business, and asks before a destructive cancel with "Keep my appointment" beside it', async () => {
    fake = installFakeApi({ manage: () => viewOf() });
    const el = await mount();
    const page = new WidgetPage(el);
    await until(() => page.root.querySelector('[part~="cancel"]'), 'the cancel button');
    expect(page.root.querySelector('[part~="business-name"]')!.textContent).to.equal('Demo Clinic');
    expect(page.root.querySelector<HTMLAnchorElement>('[part~="business-phone"]')!.href).to.equal('tel:035550100');
    expect(page.root.querySelector('[part~="cancel"]')!.classList.contains('danger-outline')).to.equal(true);
    await tabTo((e) => e.getAttribute('part') === 'cancel');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'cancel-confirm', 'the confirm button');
    expect(focused()!.classList.contains('danger')).to.equal(true);
    expect(page.root.querySelector('[part~="cancel-question"]')!.textContent).to.contain('Cancel this appointment?');
    await expect(el).to.be.accessible();
    await tabTo((e) => e.getAttribute('part') === 'keep');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'cancel', 'the focus back on cancel');
    expect(page.root.querySelector('[part~="cancel-confirm"]') === null).to.equal(true);
    expect(fake.calls.some((c) => c.method === 'DELETE')).to.equal(false);
  });

  it('names the phone to call when cancelling online is refused', async () => {
    fake = installFakeApi({ manage: () => viewOf({ cancel: { allowed: false, reason: 'too_late' } }) });
    const page = new WidgetPage(await mount());
    const refused = await until(() => page.root.querySelector('[part~="cancel-refused"]'), 'the refusal');
    expect(refused.textContent).to.contain('too late to cancel online');
    expect(refused.querySelector<HTMLAnchorElement>('a[part~="refusal-phone"]')!.href).to.equal('tel:035550100');
    expect(refused.textContent).to.contain('03-555-0100');
  });

  it("switches a cancelled appointment's link off, sending the token in a header only", async () => {
    const cancelled = viewOf({ cancel: { allowed: false, reason: 'cancelled' }, attendance: { allowed: false, reason: 'cancelled' } });
    fake = installFakeApi({
      manage: () => ({ ...cancelled, booking: { ...cancelled.booking, status: 'cancelled' } }),
      revoke: () => ({ revoked: true }),
    });
    const el = await mount();
    const page = new WidgetPage(el);
    await tabTo((e) => e.getAttribute('part') === 'revoke');
    await press('Enter');
    await until(() => focused()?.getAttribute('part') === 'link-revoked', 'the focus on "switched off"');
    expect(focused()!.textContent).to.contain('switched off');
    const call = fake.calls.find((c) => c.path === '/v1/manage/link')!;
    expect(call.method).to.equal('DELETE');
    expect(call.headers.get('authorization')).to.equal('Bookwell-Manage manage-token-1');
    expect(page.root.querySelector('[part~="revoke"]') === null).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
