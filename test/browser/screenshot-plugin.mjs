/**
 * Screenshots of the widget for docs/screenshots/, taken by test/browser/e2e/screens.test.ts.
 *
 *   executeServerCommand('bookwell-screenshot', { selector, name }) -> { saved }
 *       Saves the element as docs/screenshots/<name>.png when BOOKWELL_SCREENSHOTS=1; otherwise saves nothing (the
 *       test still renders and checks every screen), so a normal run spends no time on images.
 *   executeServerCommand('bookwell-timezone', { timezone }) -> { ok }
 *       The page's clock in that IANA timezone, as a customer there has it.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);

export function bookwellScreenshots({ dir = 'docs/screenshots' } = {}) {
  return {
    name: 'bookwell-screenshots',
    async executeCommand({ command, payload, session }) {
      if (command === 'bookwell-timezone') {
        await session.browser.getPage(session.id).emulateTimezone(payload.timezone);
        return { ok: true };
      }
      if (command !== 'bookwell-screenshot') return undefined;
      if (process.env.BOOKWELL_SCREENSHOTS !== '1') return { saved: false };
      if (!/^[a-z0-9-]+$/.test(payload.name)) throw new Error(`bad screenshot name ${payload.name}`);
      const page = session.browser.getPage(session.id);
      const element = await page.$(payload.selector);
      if (!element) throw new Error(`no ${payload.selector} to take a screenshot of`);
      await mkdir(join(root, dir), { recursive: true });
      await element.screenshot({ path: join(root, dir, `${payload.name}.png`) });
      return { saved: true };
    },
  };
}
