import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { languages, type CatalogResponse, type Language, type SiteInfo } from '../contract/index.ts';
import { BookwellApi } from './api/client.ts';
import { todayIn } from '../contract/plain-date.ts';
import { earlyCallsSettled } from './api/early.ts';
import { loadedMessages, loadMessages, type Messages } from './i18n/load.ts';
import { DataLayerController } from './data-layer.ts';
import { FlowController } from './flow-controller.ts';
import type { ManageController } from './manage-controller.ts';
import type { PopupController } from './popup.ts';
import type { Flow } from './steps/machine.ts';
import { failed, pending } from './views/common.ts';

/** How long the first render waits for answers already on their way (`firstRender`): under what a skeleton is worth showing for. */
const firstRenderWaitMs = 300;

/** Runs `work` once the page is idle: after the first screen's renders and frames, never in their way. */
function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 3000 });
  else setTimeout(work, 200);
}

/** The element's public properties, which is all the widget's inner parts read of it. */
export interface WidgetElement extends ReactiveControllerHost, HTMLElement {
  site: string;
  api: string;
  lang: string;
  service: string | undefined;
  staff: string | undefined;
  branch: string | undefined;
  manage: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  notes: string | undefined;
  locked: string | undefined;
  dataLayer: boolean;
  popup: string | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * What the widget's controllers share: the API client, the session and catalog, the messages, the live region and
 * where the focus goes next. It lives beside the element (not on it), so the element's public API is only its
 * documented attributes, properties and events.
 */
export class WidgetHost implements ReactiveControllerHost, ReactiveController {
  readonly element: WidgetElement;
  /** What the polite live region says now. */
  announcement = '';
  #client: BookwellApi | undefined;
  /** What gets the focus once the next render is done: the step's heading, or what replaced the focused control. */
  #focusTarget: string | undefined;

  /** The session's site and the catalog: everything the flow is built on. The manage view needs no catalog; run again when it closes. */
  readonly startTask: Task<readonly [string, string, boolean], { site: SiteInfo; catalog: CatalogResponse | undefined } | undefined>;
  readonly messagesTask: Task<readonly [Language | undefined], Messages | undefined>;
  /** The popup mode's dialog, a chunk of its own that only a widget with `popup` loads. */
  readonly popupTask: Task<readonly [boolean], PopupController | undefined>;
  readonly bookingFlow: FlowController;
  /** The manage view: its own chunk, asked for at once for a manage link, else once the first screen is drawn (`hostConnected`). */
  manager: ManageController | undefined;
  #managerAsked = false;

  constructor(element: WidgetElement) {
    this.element = element;
    element.addController(this);
    this.startTask = new Task(this, {
      task: async ([api, site, managing]) => {
        if (!api || !site) return undefined;
        this.#client = new BookwellApi({ api, site });
        const session = await this.#client.start(!managing);
        // A backend older than this widget sends no catalog with the session.
        return { site: session.site, catalog: managing ? undefined : (session.catalog ?? (await this.#client.catalog())) };
      },
      args: () => [this.element.api, this.element.site, this.manageToken !== undefined] as const,
    });
    this.messagesTask = new Task(this, {
      task: ([lang]) => (lang ? loadMessages(lang) : undefined),
      args: () => [this.language] as const,
    });
    let popup: PopupController | undefined;
    this.popupTask = new Task(this, {
      task: async ([wanted]) => (wanted ? (popup ??= new (await import('./popup.ts')).PopupController(this)) : undefined),
      args: () => [this.inPopup] as const,
    });
    this.bookingFlow = new FlowController(this);
    new DataLayerController(element);
  }

  /**
   * What the first render waits for, at most `firstRenderWaitMs`: the answers /widget.js is already fetching and the
   * page's language. A phone then draws the step with its data in one go, instead of a skeleton, an empty month and the
   * month's dates, each with a frame of its own; a slower answer gets the skeleton as before.
   */
  firstRender(): Promise<unknown> | undefined {
    const lang = languages.find((l) => l === this.element.lang);
    const words = lang && !loadedMessages(lang) ? loadMessages(lang).catch(() => undefined) : undefined;
    const answers = earlyCallsSettled();
    if (!words && !answers) return undefined;
    // The session /widget.js asked is taken now, so the first render draws the first step, not "loading" before it;
    // and with it the first month's dates.
    const started = answers && this.startTask.run().then(() => this.bookingFlow.firstDates());
    return Promise.race([Promise.all([words, answers, started]), new Promise((done) => setTimeout(done, firstRenderWaitMs))]);
  }

  /** The manage view's chunk: not part of the first screen, but there when a manage link is opened on the page. */
  #askForManager(): void {
    if (this.#managerAsked) return;
    this.#managerAsked = true;
    void import('./manage-controller.ts').then(({ ManageController }) => {
      this.manager = new ManageController(this);
      this.requestUpdate();
    });
  }

  addController(controller: ReactiveController): void {
    this.element.addController(controller);
  }

  removeController(controller: ReactiveController): void {
    this.element.removeController(controller);
  }

  requestUpdate(): void {
    this.element.requestUpdate();
  }

  get updateComplete(): Promise<boolean> {
    return this.element.updateComplete;
  }

  dispatchEvent(event: Event): boolean {
    return this.element.dispatchEvent(event);
  }

  hostConnected(): void {
    globalThis.addEventListener?.('hashchange', this.#hashChanged);
    if (this.manageToken !== undefined) this.#askForManager();
    else whenIdle(() => this.#askForManager());
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('hashchange', this.#hashChanged);
  }

  /** A manage link opened on the same page changes only the fragment. */
  #hashChanged = () => {
    if (this.manageToken !== undefined) this.#askForManager();
    this.requestUpdate();
  };

  get client(): BookwellApi {
    const { api, site } = this.element;
    if (!this.#client || this.#client.api !== api.replace(/\/+$/, '')) this.#client = new BookwellApi({ api, site });
    return this.#client;
  }

  get site(): SiteInfo | undefined {
    return this.startTask.value?.site;
  }

  /** The booking flow as the customer has it now. */
  get flow(): Flow | undefined {
    return this.bookingFlow.flow;
  }

  get catalog(): CatalogResponse | undefined {
    return this.startTask.value?.catalog;
  }

  get messages(): Messages | undefined {
    // Loaded already (the first render waited for them, or the customer had this language before): no Task's turn.
    const lang = this.language;
    return (lang && loadedMessages(lang)) || this.messagesTask.value;
  }

  get language(): Language | undefined {
    const wanted = languages.find((l) => l === this.element.lang);
    return wanted ?? this.startTask.value?.site.locale ?? (this.startTask.status === TaskStatus.ERROR ? 'en' : undefined);
  }

  /** Popup mode: the `popup` attribute is there, even empty (its text, if any, is the button's label). */
  get inPopup(): boolean {
    return this.element.popup !== undefined && this.element.popup !== null;
  }

  get today(): string {
    return todayIn(this.site?.timezone ?? 'UTC');
  }

  /** The manage token from the attribute, or from the host page's address (`#bookwell-manage=<token>`); null when that link is mangled. */
  get manageToken(): string | null | undefined {
    if (this.element.manage) return this.element.manage;
    const match = /(?:^#|&)bookwell-manage=([^&]+)/.exec(globalThis.location?.hash ?? '');
    if (!match?.[1]) return undefined;
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return null;
    }
  }

  /** Says something to screen readers through the polite live region. */
  announce(text: string): void {
    // Emptied first so the same words twice are said twice; deferred so no update is requested during one.
    queueMicrotask(() => {
      this.announcement = '';
      this.requestUpdate();
      setTimeout(() => {
        this.announcement = text;
        this.requestUpdate();
      }, 30);
    });
  }

  /** Moves the focus after the next render, e.g. to what replaced a control that had it. */
  focusAfterUpdate(selector: string): void {
    this.#focusTarget = selector;
    this.requestUpdate();
  }

  hostUpdated(): void {
    if (this.#focusTarget && this.messages) {
      this.element.renderRoot.querySelector<HTMLElement>(this.#focusTarget)?.focus();
      this.#focusTarget = undefined;
    }
  }

  #body(m: Messages, lang: Language): TemplateResult | typeof nothing {
    const token = this.manageToken;
    if (token !== undefined) return this.manager ? this.manager.render(m, lang, token) : pending(m);
    return this.bookingFlow.render(m, lang);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.inPopup) return this.#base();
    const popup = this.popupTask.value;
    const m = this.messages;
    // The button appears with its words; until then (the popup chunk and the language, fetched together) nothing.
    if (!popup || !m) return nothing;
    return html`<div class="popup" lang=${this.language ?? 'en'} dir=${m.dir}>${popup.render(this.element.popup || m.popupOpen, m.popupClose, () => this.#base())}</div>`;
  }

  #base(): TemplateResult {
    const m = this.messages;
    const lang = this.language ?? 'en';
    return html`<div class="base" part="base" lang=${lang} dir=${m?.dir ?? 'auto'}>
      ${
        m
          ? this.startTask.render({
              pending: () => pending(m),
              error: (e) => failed(m, e, () => void this.startTask.run()),
              complete: () => this.#body(m, lang),
            })
          : this.startTask.status === TaskStatus.ERROR || this.messagesTask.status === TaskStatus.ERROR
            ? html`<p class="error" role="alert" part="error">Bookwell: ${String(this.startTask.error ?? this.messagesTask.error)}</p>`
            : html`<div class="skeleton" part="loading" aria-busy="true">
              <span class="bar short"></span><span class="bar"></span><span class="bar"></span><span class="bar"></span>
            </div>`
      }
      <div class="sr" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}
