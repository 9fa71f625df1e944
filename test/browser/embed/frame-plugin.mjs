/**
 * A @web/test-runner plugin for the embedding tests: what a test page cannot do itself.
 *
 *   executeServerCommand('bookwell-frame-ui', { frameUrl, source, args })  -> the function's answer
 *       Calls the function whose source is `source` with `args` inside the (cross-origin) iframe whose URL starts
 *       with `frameUrl`, through the browser's own debugging protocol, as a person's clicks would reach it.
 *   executeServerCommand('bookwell-page-open', { url }) / ('bookwell-page-close', { url })
 *       Opens (closes) a browser tab at `url`, e.g. a demo page of the backend; 'bookwell-frame-ui' with `page: url`
 *       then runs in that tab (its top document when `frameUrl` is omitted).
 *       Closing brings the test's own page to the front again: a page left behind another tab is hidden, and in a
 *       hidden page the cross-origin frames' ResizeObservers do not run.
 *   executeServerCommand('bookwell-page-front')
 *       Brings the test's own page to the front, for a file whose tests need it drawn (whatever a file before left open).
 *   executeServerCommand('bookwell-http-get', { url })  -> { status, headers, body }
 *       Fetches a URL from Node, so a test can read headers a cross-origin page may not (Content-Security-Policy).
 *
 * Usage in web-test-runner.config.mjs: `plugins: [..., bookwellEmbedCommands()]`.
 */
export function bookwellEmbedCommands() {
  /** Tabs opened by 'bookwell-page-open', by their address. */
  const tabs = new Map();
  /** The test's own page in front: in a page behind another tab, cross-origin frames run no ResizeObserver. */
  const front = (session) => session.browser.getPage(session.id).bringToFront();
  return {
    name: 'bookwell-embed-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'bookwell-http-get') {
        const { url } = /** @type {{ url: string }} */ (payload);
        const response = await fetch(url, { redirect: 'manual' });
        const body = (await response.text()).slice(0, 100_000);
        return { status: response.status, headers: Object.fromEntries(response.headers), body };
      }
      if (command === 'bookwell-page-front') {
        if (session.browser.type !== 'puppeteer') throw new Error('bookwell-page-front needs the Chrome launcher');
        await front(session);
        return true;
      }
      if (command === 'bookwell-page-open' || command === 'bookwell-page-close') {
        const { url } = /** @type {{ url: string }} */ (payload);
        await tabs.get(url)?.close();
        tabs.delete(url);
        if (command === 'bookwell-page-close') {
          if (session.browser.type === 'puppeteer') await front(session);
          return true;
        }
        if (session.browser.type !== 'puppeteer') throw new Error('bookwell-page-open needs the Chrome launcher');
        const tab = await session.browser.getPage(session.id).browser().newPage();
        tabs.set(url, tab);
        const response = await tab.goto(url, { waitUntil: 'load' });
        return { status: response?.status() ?? 0 };
      }
      if (command === 'bookwell-frame-ui') {
        const {
          frameUrl,
          page: tabUrl,
          source,
          args,
        } = /** @type {{ frameUrl?: string, page?: string, source: string, args: unknown[] }} */ (payload);
        if (session.browser.type !== 'puppeteer') throw new Error('bookwell-frame-ui needs the Chrome launcher');
        const page = tabUrl ? tabs.get(tabUrl) : session.browser.getPage(session.id);
        if (!page) return { missing: true };
        const frame = frameUrl ? page.frames().find((f) => f.url().startsWith(frameUrl)) : page.mainFrame();
        if (!frame) return { missing: true };
        // The function arrives as text and runs in the frame as a debugger expression (the page's CSP forbids eval).
        const value = await frame.evaluate(`(${source})(...${JSON.stringify(args ?? [])})`);
        return { value };
      }
      return undefined;
    },
    async serverStop() {
      for (const tab of tabs.values()) await tab.close().catch(() => {});
      tabs.clear();
    },
  };
}
