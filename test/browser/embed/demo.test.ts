/**
 * The demo pages `npm start` serves under /demo/, each opened in its own tab and booked through to the end,
 * as a person trying Bookwell would. (The iframe demo needs the backend's port in the sites' origins, 8787 by
 * default; the iframe way itself is tested from this page in iframe.test.ts.)
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { startBackend } from './backend.ts';
import { remoteUi } from './remote-ui.ts';
import { bookToTheEnd } from './widget-ui.ts';

let api = '';

/** The result card's border and the business's name in bold: what the result screen's chunk brings of its look. */
function resultLook() {
  const root = document.querySelector('bookwell-widget')?.shadowRoot;
  const card = root?.querySelector('.result-card');
  const name = root?.querySelector('.business-name');
  return card && name ? { card: getComputedStyle(card).borderTopStyle, name: getComputedStyle(name).fontWeight } : null;
}

describe('the demo pages', () => {
  before(async function () {
    this.timeout(120_000);
    api = await startBackend('embed-demo');
  });

  const israeli = { firstName: 'Avi', lastName: 'Demo', cell: '0521234567', idNumber: '000000018' };
  const dutch = { firstName: 'Sanne', lastName: 'Demo', cell: '0612345678', email: 'sanne@example.com' };
  const studioCode = async () => {
    const { code } = (await executeServerCommand('bookwell-outbox-code', { api, site: 'demo-studio' })) as { code: string | null };
    if (!code) throw new Error('no code in the outbox');
    return code;
  };

  const pages = [
    { path: '/demo/', what: 'the studio by script tag, with its code', customer: dutch, code: studioCode },
    { path: '/demo/clinic.html', what: 'the clinic by script tag, in Hebrew', customer: israeli },
    { path: '/demo/app/', what: 'the Vite app that imports the package', customer: dutch, code: studioCode },
  ];

  for (const page of pages) {
    it(`${page.path}: books ${page.what}`, async function () {
      this.timeout(90_000);
      const url = `${api}${page.path}`;
      const opened = (await executeServerCommand('bookwell-page-open', { url })) as { status: number };
      expect(opened.status).to.equal(200);
      try {
        const message = await bookToTheEnd(remoteUi({ page: url }), { customer: page.customer, ...(page.code ? { code: page.code } : {}) });
        expect(message).to.be.a('string').and.not.equal('');
        // The result screen's own look holds under the page's Content-Security-Policy (no inline styles allowed).
        const look = (await executeServerCommand('bookwell-frame-ui', { page: url, source: resultLook.toString(), args: [] })) as { value?: unknown };
        expect(look.value).to.deep.equal({ card: 'solid', name: '600' });
      } finally {
        await executeServerCommand('bookwell-page-close', { url });
      }
    });
  }

  it('links every way from the index page', async () => {
    const { body: html } = (await executeServerCommand('bookwell-http-get', { url: `${api}/demo/` })) as { body: string };
    for (const link of ['/demo/clinic.html', '/demo/iframe.html', '/demo/app/', '/outbox']) expect(html).to.include(`href="${link}"`);
  });
});
