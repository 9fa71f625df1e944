/**
 * A @web/test-runner plugin that sets the test page's own time zone (the customer's, as the widget reads it from
 * Intl), so a test says which zone the customer is in instead of depending on the machine running it.
 *
 *   executeServerCommand('bookwell-customer-timezone', { timeZone: 'America/New_York' })   null: the machine's again
 */
export function bookwellTimeZone() {
  return {
    name: 'bookwell-timezone',
    async executeCommand({ command, payload, session }) {
      if (command !== 'bookwell-customer-timezone') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('bookwell-customer-timezone needs the Chrome launcher');
      const { timeZone } = /** @type {{ timeZone: string | null }} */ (payload);
      await session.browser.getPage(session.id).emulateTimezone(timeZone ?? undefined);
      return true;
    },
  };
}
