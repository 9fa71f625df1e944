/**
 * The script-tag way: a host page adds `<script type="module" src=".../widget.js">` and the element.
 * Runs against the real backend (backend-plugin.mjs) and the production build in dist/ (`npm run build`).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { until } from '../keyboard.ts';
import { startBackend } from './backend.ts';
import { bookToTheEnd, widgetUi, type UiCommand } from './widget-ui.ts';

let api = '';

function addModuleScript(src: string): Promise<void> {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = src;
  return new Promise((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

describe('embedding by script tag', () => {
  before(async function () {
    this.timeout(120_000);
    api = await startBackend('embed-script-tag');
  });

  it('loads twice, and beside another copy of the whole widget, without an error', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    addEventListener('error', onError);
    try {
      await addModuleScript(`${api}/widget.js`);
      await addModuleScript(`${api}/widget.js`);
      // The script asks for the widget's chunk once it has started the first calls: the tag is defined when it arrives.
      const first = await customElements.whenDefined('bookwell-widget');
      expect(first).to.be.a('function');
      // The widget's chunk under another address is another module graph, as another version would be: its own
      // Lit, its own class, its define run again. It must leave the tag to the first copy, and throw nothing.
      const source = await (await fetch(`${api}/widget.js`)).text();
      const chunk = /["'`](\.\/widget\/[^"'`]+\/bookwell-[^"'`/]+\.js)["'`]/.exec(source)?.[1] ?? '';
      await addModuleScript(`${new URL(chunk, `${api}/`).href}?another-copy`);
      expect(customElements.get('bookwell-widget')).to.equal(first);
    } finally {
      removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });

  it('serves /widget.js for revalidation and its chunks for a year under a versioned path', async () => {
    const entry = (await executeServerCommand('bookwell-http-get', { url: `${api}/widget.js` })) as {
      status: number;
      headers: Record<string, string>;
    };
    expect(entry.status).to.equal(200);
    expect(entry.headers['cache-control']).to.match(/max-age=0|no-cache/);
    expect(entry.headers['access-control-allow-origin']).to.equal('*');
    const source = await (await fetch(`${api}/widget.js`)).text();
    const chunk = /["'`](\.\/widget\/[^"'`]+\/bookwell-[^"'`/]+\.js)["'`]/.exec(source)?.[1] ?? '';
    expect(chunk, 'widget.js imports its chunks from a versioned folder').to.match(/^\.\/widget\/\d+\.\d+\.\d+[^/]*\/[\w-]+-[\w-]{6,}\.js$/);
    const hashed = (await executeServerCommand('bookwell-http-get', { url: new URL(chunk, `${api}/`).href })) as {
      status: number;
      headers: Record<string, string>;
    };
    expect(hashed.status).to.equal(200);
    expect(hashed.headers['cache-control']).to.include('immutable');
  });

  it('books an appointment end to end, code confirmation included', async function () {
    this.timeout(60_000);
    await addModuleScript(`${api}/widget.js`);
    const widget = document.createElement('bookwell-widget');
    widget.id = 'studio';
    widget.setAttribute('site', 'demo-studio');
    widget.setAttribute('api', api);
    widget.setAttribute('lang', 'en');
    const confirmed: unknown[] = [];
    widget.addEventListener('bookwell-confirmed', (event) => confirmed.push(event.booking));
    document.body.append(widget);
    try {
      const message = await bookToTheEnd((command: UiCommand) => widgetUi('#studio', command), {
        customer: { firstName: 'Dana', lastName: 'Script', cell: '0612345678', email: 'dana@example.com' },
        code: async () => {
          const { code } = (await executeServerCommand('bookwell-outbox-code', { api, site: 'demo-studio' })) as { code: string | null };
          if (!code) throw new Error('no code in the outbox');
          return code;
        },
      });
      expect(message).to.be.a('string').and.not.equal('');
      expect(confirmed).to.have.length(1);
      expect(confirmed[0]).to.include({ status: 'confirmed' });
    } finally {
      widget.remove();
    }
  });

  it('opens in a dialog with popup, loading the popup as its own chunk, and closes on Escape with the focus back', async function () {
    this.timeout(60_000);
    await addModuleScript(`${api}/widget.js`);
    const chunks = () =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((name) => name.includes('/widget/') && name.includes('popup'));
    expect(chunks(), 'no popup chunk before a popup widget').to.deep.equal([]);
    const widget = document.createElement('bookwell-widget');
    for (const [name, value] of [
      ['site', 'demo-studio'],
      ['api', api],
      ['lang', 'en'],
      ['popup', 'Book now'],
    ] as const)
      widget.setAttribute(name, value);
    document.body.append(widget);
    try {
      const root = widget.shadowRoot!;
      const opener = await until(() => root.querySelector<HTMLButtonElement>('[part="popup-button"]'), 'the popup button', 30_000);
      expect(chunks().length, 'the popup chunk').to.equal(1);
      expect(opener.textContent?.trim()).to.equal('Book now');
      opener.focus();
      await sendKeys({ press: 'Enter' });
      const dialog = root.querySelector('dialog')!;
      await until(() => dialog.open && root.querySelector('.step'), 'the widget in the open dialog', 30_000);
      await sendKeys({ press: 'Escape' });
      await until(() => !dialog.open && root.activeElement === opener, 'closed, the focus on the button');
    } finally {
      widget.remove();
    }
  });
});
