import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { WidgetHost } from './widget-host.ts';

/** What Tab may reach inside `root`, in order, through the shadow roots of the widget's own parts (the calendar). */
function tabStops(root: Element | ShadowRoot, into: HTMLElement[] = []): HTMLElement[] {
  for (const el of root.children) {
    const reachable = el instanceof HTMLElement && el.tabIndex >= 0 && !el.matches(':disabled') && el.getClientRects().length > 0;
    if (reachable && el.matches('button, input, textarea, select, a[href], [tabindex]')) into.push(el);
    if (el.shadowRoot) tabStops(el.shadowRoot, into);
    tabStops(el, into);
  }
  return into;
}

/** The element that has the focus, inside any shadow root. */
function deepFocus(root: ShadowRoot): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * The popup mode: a button that opens the widget in a modal dialog. The native <dialog> makes the page behind it
 * inert and closes on Escape; this keeps Tab inside it (the browser would let it leave to its own toolbar), moves the
 * focus in on opening and gives it back to the button on closing. Loaded as its own chunk, only by a popup widget.
 */
export class PopupController implements ReactiveController {
  readonly #host: WidgetHost;
  /** Whether the dialog is open: its content is rendered only then. */
  #open = false;

  constructor(host: WidgetHost) {
    this.#host = host;
    host.addController(this);
  }

  get open(): boolean {
    return this.#open;
  }

  #dialog(): HTMLDialogElement | null {
    return this.#host.element.renderRoot.querySelector('dialog');
  }

  #show = async (): Promise<void> => {
    this.#open = true;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#dialog()?.showModal();
    // The step's heading when it is there (a screen reader starts reading at it), else the close button.
    this.#host.focusAfterUpdate('dialog h2');
    const dialog = this.#dialog();
    if (dialog && !dialog.querySelector('h2')) dialog.querySelector<HTMLElement>('.close')?.focus();
  };

  #close = (): void => this.#dialog()?.close();

  /** After Escape, the close button or the form closing it: back to the button that opened it. */
  #closed = (): void => {
    this.#open = false;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#host.element.renderRoot.querySelector<HTMLElement>('[part="popup-button"]')?.focus());
  };

  #keepTabInside = (event: KeyboardEvent): void => {
    const dialog = this.#dialog();
    if (event.key !== 'Tab' || !dialog) return;
    const stops = tabStops(dialog);
    const active = deepFocus(this.#host.element.renderRoot as ShadowRoot);
    const [first, last] = [stops[0], stops.at(-1)];
    if (!first || !last) return;
    const wrapTo = event.shiftKey ? (active === first || !stops.includes(active as HTMLElement) ? last : null) : active === last ? first : null;
    if (!wrapTo) return;
    event.preventDefault();
    wrapTo.focus();
  };

  hostConnected(): void {}

  render(label: string, closeLabel: string, body: () => TemplateResult): TemplateResult {
    return html`<button type="button" class="primary" part="popup-button" aria-haspopup="dialog" @click=${this.#show}>${label}</button>
      <dialog part="dialog" aria-label=${label} @close=${this.#closed} @keydown=${this.#keepTabInside}>
        <button type="button" class="close" part="close" aria-label=${closeLabel} @click=${this.#close}><span aria-hidden="true">×</span></button>
        ${this.#open ? body() : nothing}
      </dialog>`;
  }
}
