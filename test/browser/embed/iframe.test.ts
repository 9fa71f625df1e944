/**
 * The iframe way: /embed/{site} in a cross-origin iframe, with and without the host helper /embed.js.
 * The test page is the host (an allowed origin); the backend is another origin, as on a real site.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { startBackend } from './backend.ts';
import { remoteUi } from './remote-ui.ts';
import { bookToTheEnd, type UiState } from './widget-ui.ts';

let api = '';

interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs widget commands inside the frame whose URL starts with `frameUrl`. */
const frameUi = (frameUrl: string) => remoteUi({ frameUrl });

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(50);
  }
}

function loadHelper(): Promise<void> {
  const script = document.createElement('script');
  script.src = `${api}/embed.js`;
  return new Promise((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('could not load /embed.js'));
    document.head.append(script);
  });
}

const heightOf = (iframe: HTMLIFrameElement) => Math.round(iframe.getBoundingClientRect().height);

/**
 * A placeholder for `site` on this page, filled by the helper: once the widget in its frame shows its first step and
 * the frame has come to the widget's height. The caller removes the placeholder.
 */
async function fittedFrame(site: string) {
  const placeholder = document.createElement('div');
  placeholder.dataset.bookwellSite = site;
  document.body.append(placeholder);
  try {
    await loadHelper();
    const iframe = placeholder.querySelector('iframe')!;
    const ui = frameUi(`${api}/embed/${site}`);
    const fits = async () => Math.abs(heightOf(iframe) - ((await ui({ kind: 'contentHeight' })) as number)) <= 1;
    await until(async () => ((await ui({ kind: 'state' })) as UiState).step === 'service', 'the widget in the frame', 15_000);
    await until(fits, 'the first resize');
    return { placeholder, iframe, fits };
  } catch (error) {
    placeholder.remove();
    throw error;
  }
}

describe('embedding by iframe', () => {
  before(async function () {
    this.timeout(120_000);
    api = await startBackend('embed-iframe');
    // The frames' resizes need this page drawn: in the background (a tab a file before left in front) the frames'
    // ResizeObservers never run and every test here would time out.
    await executeServerCommand('bookwell-page-front');
    await until(() => document.visibilityState === 'visible', 'this page to be in front');
  });

  it("lets exactly the site's allowed origins frame the embed page", async () => {
    const sites = (await (await fetch('/demo/sites.json')).json()) as { sites: { id: string; origins: string[] }[] };
    const configured = sites.sites.find((site) => site.id === 'demo-clinic')!.origins;
    // The backend plugin adds this test page's origins to every demo site.
    const allowed = [...new Set([...configured, `http://localhost:${location.port}`, `http://127.0.0.1:${location.port}`])];
    const page = (await executeServerCommand('bookwell-http-get', { url: `${api}/embed/demo-clinic?lang=en` })) as HttpAnswer;
    expect(page.status).to.equal(200);
    const directives = page.headers['content-security-policy']!.split(';').map((d) => d.trim().split(/\s+/));
    const frameAncestors = directives.filter(([name]) => name === 'frame-ancestors');
    expect(frameAncestors).to.have.length(1);
    expect(frameAncestors[0]!.slice(1).sort()).to.deep.equal(allowed.sort());
    expect(page.headers['x-frame-options'], 'no header may contradict frame-ancestors').to.equal(undefined);

    const manage = (await executeServerCommand('bookwell-http-get', { url: `${api}/manage/` })) as HttpAnswer;
    expect(manage.headers['content-security-policy'], 'nobody frames the page of a manage link').to.include("frame-ancestors 'none'");

    const unknown = (await executeServerCommand('bookwell-http-get', { url: `${api}/embed/no-such-site` })) as HttpAnswer;
    expect(unknown.status).to.equal(404);
    const badLanguage = (await executeServerCommand('bookwell-http-get', { url: `${api}/embed/demo-clinic?lang=xx` })) as HttpAnswer;
    expect(badLanguage.status).to.equal(400);
  });

  it('books end to end through the helper, which sizes the frame to each step and passes the events on', async function () {
    this.timeout(90_000);
    const placeholder = document.createElement('div');
    placeholder.dataset.bookwellSite = 'demo-clinic';
    placeholder.dataset.lang = 'en';
    document.body.append(placeholder);
    const hostSteps: string[] = [];
    const booked: { status?: string }[] = [];
    const onStep = (event: Event) => hostSteps.push((event as CustomEvent<{ step: string }>).detail.step);
    const onBooked = (event: Event) => booked.push((event as CustomEvent<{ booking: { status: string } }>).detail.booking);
    document.addEventListener('bookwell-step', onStep);
    document.addEventListener('bookwell-booked', onBooked);
    try {
      await loadHelper();
      const iframe = placeholder.querySelector('iframe')!;
      expect(iframe, 'the helper made an iframe').to.exist;
      const ui = frameUi(`${api}/embed/demo-clinic`);
      const heights = new Map<string, number>();
      const message = await bookToTheEnd(ui, {
        customer: { firstName: 'Noa', lastName: 'Frame', cell: '0521234567', idNumber: '000000018' },
        // At each new step the frame must come to the height of what the widget now shows.
        onStep: async (step) => {
          let content = 0;
          await until(async () => {
            content = (await ui({ kind: 'contentHeight' })) as number;
            return Math.abs(heightOf(iframe) - content) <= 1;
          }, `the frame to fit the ${step} step`).catch((error: Error) => {
            throw new Error(`${error.message}: the frame is ${heightOf(iframe)} px, its content ${content} px`);
          });
          heights.set(step, content);
        },
      });
      expect(message).to.be.a('string').and.not.equal('');
      expect(heights.size).to.be.greaterThan(3);
      expect(new Set(heights.values()).size, 'the steps differ in height, and the frame followed').to.be.greaterThan(1);
      await until(() => booked.length === 1, 'the booked event on the host page');
      expect(booked[0]).to.include({ status: 'confirmed' });
      // The widget announces each step it moves to (not the one it starts on); the host heard every one.
      const movedTo = [...heights.keys()].slice(1);
      expect(movedTo).to.include.members(['when', 'details', 'result']);
      expect(hostSteps).to.include.members(movedTo);
    } finally {
      document.removeEventListener('bookwell-step', onStep);
      document.removeEventListener('bookwell-booked', onBooked);
      placeholder.remove();
    }
  });

  it("passes the host page's utm_* / gclid / fbclid to the frame, and nothing else of its address", async function () {
    this.timeout(30_000);
    const address = location.href;
    history.replaceState(null, '', `${location.pathname}?utm_source=newsletter&gclid=g-1&fbclid=f-2&session=secret`);
    const placeholder = document.createElement('div');
    placeholder.dataset.bookwellSite = 'demo-clinic';
    document.body.append(placeholder);
    try {
      await loadHelper();
      const src = new URL(placeholder.querySelector('iframe')!.src);
      expect(Object.fromEntries(src.searchParams)).to.deep.equal({ utm_source: 'newsletter', gclid: 'g-1', fbclid: 'f-2' });
    } finally {
      history.replaceState(null, '', address);
      placeholder.remove();
    }
  });

  it('ignores messages from other origins and messages of any other shape', async function () {
    this.timeout(60_000);
    const { placeholder, iframe } = await fittedFrame('demo-studio');
    try {
      const fitted = heightOf(iframe);
      const heard: Event[] = [];
      const onEvent = (event: Event) => heard.push(event);
      iframe.addEventListener('bookwell-booked', onEvent);
      // This page's own origin is not the frame's: a well-formed message from here must change nothing.
      window.postMessage({ bookwell: 1, type: 'resize', height: 3 }, '*');
      window.postMessage({ bookwell: 1, type: 'event', name: 'bookwell-booked', detail: {} }, '*');
      // From the frame itself, but not in the protocol's shape.
      await executeServerCommand('bookwell-frame-ui', {
        frameUrl: `${api}/embed/demo-studio`,
        source: String(() => {
          parent.postMessage({ bookwell: 1, type: 'resize', height: 'tall' }, '*');
          parent.postMessage({ bookwell: 1, type: 'resize', height: 1e9 }, '*');
          parent.postMessage({ bookwell: 1, type: 'event', name: 'click', detail: {} }, '*');
          parent.postMessage({ type: 'resize', height: 5 }, '*');
        }),
        args: [],
      });
      await pause(400);
      expect(heightOf(iframe)).to.equal(fitted);
      expect(heard).to.deep.equal([]);
      iframe.removeEventListener('bookwell-booked', onEvent);
    } finally {
      placeholder.remove();
    }
  });

  it("keeps the frame's height while the widget has nothing drawn, and fits it again after", async function () {
    this.timeout(60_000);
    const { placeholder, iframe, fits } = await fittedFrame('demo-clinic');
    try {
      const fitted = heightOf(iframe);
      // As before the widget's first render (a slow phone): the frame's page has nothing to show yet.
      const shown = (display: string) =>
        executeServerCommand('bookwell-frame-ui', {
          frameUrl: `${api}/embed/demo-clinic`,
          source: String((value: string) => void (document.querySelector('bookwell-widget') as HTMLElement).style.setProperty('display', value)),
          args: [display],
        });
      await shown('none');
      await pause(400);
      expect(heightOf(iframe), 'the frame keeps its space (no collapse and jump back on the host page)').to.equal(fitted);
      await shown('');
      await until(fits, 'the frame to fit the widget again');
    } finally {
      placeholder.remove();
    }
  });

  it('works without the helper: a fixed-height frame that scrolls', async function () {
    this.timeout(60_000);
    const iframe = document.createElement('iframe');
    iframe.src = `${api}/embed/demo-studio?lang=nl&theme=dark`;
    iframe.style.cssText = 'width:100%;height:300px;border:0';
    iframe.title = 'Afspraak maken';
    document.body.append(iframe);
    try {
      const ui = frameUi(`${api}/embed/demo-studio?lang=nl`);
      await until(async () => ((await ui({ kind: 'state' })) as UiState).step === 'service', 'the widget in the frame', 15_000);
      await until(async () => (await ui({ kind: 'click', selector: '[part~="option"]' })) === true, 'a service to choose');
      await until(async () => ((await ui({ kind: 'state' })) as UiState).step !== 'service', 'the next step');
      expect(heightOf(iframe)).to.equal(300);
    } finally {
      iframe.remove();
    }
  });
});
