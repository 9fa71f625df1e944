/**
 * A @web/test-runner plugin for the embedding tests: what a test page cannot do itself.
 *
 *   executeServerCommand('bookwell-frame-ui', { frameUrl, source, args })  -> the function's answer
 *       Calls the function whose source is `source` with `args` inside the (cross-origin) iframe whose URL starts
 *       with `frameUrl`, through the browser's own debugging protocol, as a person's clicks would reach it.
 *   executeServerCommand('bookwell-http-get', { url })  -> { status, headers }
 *       Fetches a URL from Node, so a test can read headers a cross-origin page may not (Content-Security-Policy).
 *
 * Usage in web-test-runner.config.mjs: `plugins: [..., bookwellEmbedCommands()]`.
 */
export function bookwellEmbedCommands() {
  return {
    name: 'bookwell-embed-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'bookwell-http-get') {
        const { url } = /** @type {{ url: string }} */ (payload);
        const response = await fetch(url, { redirect: 'manual' });
        await response.arrayBuffer();
        return { status: response.status, headers: Object.fromEntries(response.headers) };
      }
      if (command === 'bookwell-frame-ui') {
        const { frameUrl, source, args } = /** @type {{ frameUrl: string, source: string, args: unknown[] }} */ (payload);
        if (session.browser.type !== 'puppeteer') throw new Error('bookwell-frame-ui needs the Chrome launcher');
        const page = session.browser.getPage(session.id);
        const frame = page.frames().find((f) => f.url().startsWith(frameUrl));
        if (!frame) return { missing: true };
        // The function arrives as text and runs in the frame as a debugger expression (the page's CSP forbids eval).
        const value = await frame.evaluate(`(${source})(...${JSON.stringify(args ?? [])})`);
        return { value };
      }
      return undefined;
    },
  };
}
