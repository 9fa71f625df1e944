/** The popup mode: a button opening the widget in a modal dialog that keeps the focus and gives it back. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/widget/define.ts';
import type { BookwellWidget } from '../../../src/widget/index.ts';
import { byText, focused, press, tabTo, until } from '../keyboard.ts';
import { WidgetPage } from '../widget-page.ts';
import { api, installFakeApi, type FakeApi } from './fake-api.ts';

let fake: FakeApi;
afterEach(() => fake?.restore());

/** Whether a node is inside the dialog, through the shadow roots of the widget's parts. */
function insideDialog(dialog: HTMLDialogElement, node: Element | null): boolean {
  for (let at: Node | null = node; at; at = at.parentNode ?? (at instanceof ShadowRoot ? at.host : null)) if (at === dialog) return true;
  return false;
}

async function mountPopup(label = '') {
  const el = await fixture<BookwellWidget>(html`<bookwell-widget site="demo-clinic" api=${api} lang="en" popup=${label}></bookwell-widget>`);
  const page = new WidgetPage(el);
  const opener = await until(() => page.root.querySelector<HTMLButtonElement>('[part="popup-button"]'), 'the popup button');
  return { el, page, opener, dialog: page.root.querySelector('dialog')! };
}

describe('<bookwell-widget popup> (fake API)', () => {
  it("shows only a button, in the language or with the host's words", async () => {
    fake = installFakeApi();
    const { page, opener, dialog } = await mountPopup();
    expect(opener.textContent?.trim()).to.equal('Book an appointment');
    expect(dialog.open).to.equal(false);
    expect(page.step).to.equal(undefined);
    const other = await mountPopup('Book now');
    expect(other.opener.textContent?.trim()).to.equal('Book now');
  });

  it('opens by keyboard with the focus inside, keeps Tab and Shift+Tab inside, closes on Escape and gives the focus back', async () => {
    fake = installFakeApi();
    const { el, page, opener, dialog } = await mountPopup();
    await tabTo((f) => f === opener);
    await press('Enter');
    await page.reach('service');
    expect(dialog.open).to.equal(true);
    await until(() => insideDialog(dialog, focused()), 'the focus inside the dialog');
    await expect(el).to.be.accessible();
    // Around the dialog more than once, forwards then backwards: the focus never leaves it.
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 12; i++) {
        await press(key);
        expect(insideDialog(dialog, focused()), `${key} ${i + 1}: ${focused()?.outerHTML.slice(0, 80)}`).to.equal(true);
      }
    }
    await press('Escape');
    await until(() => !dialog.open, 'the dialog closed');
    await until(() => focused() === opener, 'the focus back on the button');
  });

  it('keeps the focus inside while stepping through the flow, and the close button closes it, keeping the choices', async () => {
    fake = installFakeApi();
    const { page, opener, dialog } = await mountPopup();
    opener.click();
    await page.reach('service');
    await tabTo(byText('Checkup'));
    await press('Enter');
    await page.reach('staff');
    page.expectHeadingFocused();
    for (let i = 0; i < 10; i++) {
      await press('Tab');
      expect(insideDialog(dialog, focused())).to.equal(true);
    }
    await tabTo((f) => f.getAttribute('part') === 'close');
    await press('Enter');
    await until(() => !dialog.open && focused() === opener, 'closed, the focus on the button');
    opener.click();
    await page.reach('staff');
  });
});
