/**
 * The host-side helper, served as /embed.js (a classic script, at most 2 KB gzip).
 *
 *   <div data-bookwell-site="demo-clinic" data-lang="he"></div>
 *   <script src="https://book.example.com/embed.js" async></script>
 *
 * It turns each `[data-bookwell-site]` element into an iframe of /embed/{site} (an existing
 * `<iframe data-bookwell-site>` is adopted as it is), sizes the iframe to the widget as the steps change,
 * and re-dispatches the widget's events on the iframe element, so the host listens as it would to the element.
 */
import { asFrameMessage, type HelloMessage } from './messages.ts';
import { bookTitles } from './pages.ts';

/** The options an embed takes; the same names as the embed page's query parameters. */
export interface EmbedOptions {
  site: string;
  lang?: string;
  service?: string;
  staff?: string;
  branch?: string;
  theme?: string;
}

const optionNames = ['lang', 'service', 'staff', 'branch', 'theme'] as const;

/** The backend that served this script; every iframe points there. */
const script = document.currentScript as HTMLScriptElement | null;
const backend = new URL(script?.src ?? location.href).origin;

/** The frames this helper talks to, by their window, with the only origin a message from them may carry. */
const frames = new Map<MessageEventSource, { iframe: HTMLIFrameElement; origin: string }>();

function sayHello(iframe: HTMLIFrameElement, origin: string): void {
  const hello: HelloMessage = { bookwell: 1, type: 'hello' };
  iframe.contentWindow?.postMessage(hello, origin);
}

/** Connects an iframe of /embed/{site}; `loaded` when it may have loaded before the helper ran (adopted). */
function connect(iframe: HTMLIFrameElement, loaded: boolean): HTMLIFrameElement {
  const origin = new URL(iframe.src, location.href).origin;
  const register = (): void => {
    if (iframe.contentWindow) frames.set(iframe.contentWindow, { iframe, origin });
    sayHello(iframe, origin);
  };
  // Hello on every load (the first, or a navigation), and at once to a frame that may be there already.
  iframe.addEventListener('load', register);
  if (loaded) register();
  return iframe;
}

/** Builds the iframe for `options` inside `target` (or adopts `target` when it is an iframe). */
export function mount(target: Element, options: EmbedOptions): HTMLIFrameElement {
  if (target instanceof HTMLIFrameElement) return connect(target, true);
  const url = new URL(`/embed/${encodeURIComponent(options.site)}`, backend);
  for (const name of optionNames) {
    const value = options[name];
    if (value) url.searchParams.set(name, value);
  }
  // Where the visitor came from travels to the frame, whose widget sends it with the booking (a short list: no zod here).
  for (const [name, value] of new URLSearchParams(location.search)) {
    if (/^(utm_(source|medium|campaign|term|content)|gclid|fbclid)$/.test(name)) url.searchParams.set(name, value);
  }
  const iframe = document.createElement('iframe');
  iframe.src = url.href;
  // The frame's language, or the host page's when the frame takes the site's own.
  const lang = (options.lang ?? document.documentElement.lang).slice(0, 2);
  iframe.title = target.getAttribute('data-title') ?? (bookTitles as Record<string, string | undefined>)[lang] ?? bookTitles.en;
  iframe.style.cssText = 'display:block;width:100%;height:640px;border:0';
  target.replaceChildren(iframe);
  return connect(iframe, false);
}

function onMessage(event: MessageEvent): void {
  if (!event.source) return;
  const frame = frames.get(event.source);
  if (!frame || event.origin !== frame.origin) return;
  const message = asFrameMessage(event.data);
  if (!message) return;
  if (message.type === 'resize') {
    frame.iframe.style.height = `${Math.ceil(message.height)}px`;
  } else {
    frame.iframe.dispatchEvent(new CustomEvent(message.name, { detail: message.detail, bubbles: true, composed: true }));
  }
}

function mountAll(): void {
  for (const target of document.querySelectorAll<HTMLElement>('[data-bookwell-site]')) {
    if (target.dataset.bookwellMounted) continue;
    target.dataset.bookwellMounted = '1';
    const options: EmbedOptions = { site: target.dataset.bookwellSite ?? '' };
    for (const name of optionNames) {
      const value = target.dataset[name];
      if (value) options[name] = value;
    }
    mount(target, options);
  }
}

// Each copy of this script (a page may include it twice) listens for the frames it mounted only,
// and a placeholder is mounted once, by the first copy that sees it.
addEventListener('message', onMessage);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
else mountAll();
