/**
 * A person using <bookwell-widget>, step by step, wherever the widget runs: in the test page itself, or inside a
 * cross-origin iframe (there `widgetUi` is sent as source text to the frame through frame-plugin.mjs).
 * `widgetUi` must therefore stay self-contained: no imports, no outside names.
 */

export type UiCommand =
  | { kind: 'state' }
  | { kind: 'click'; selector: string }
  | { kind: 'fill'; name: string; value: string }
  | { kind: 'text'; selector: string }
  | { kind: 'contentHeight' };

export interface UiState {
  step: string | null;
  busy: boolean;
  /** The text of a failure the widget shows, if any. */
  error: string | null;
  /** Whether the code form is on screen (a site that confirms by code). */
  codeForm: boolean;
  /** The result's message, once booked (and confirmed). */
  resultMessage: string | null;
}

/** Runs one command against the first element matching `selector` in this document. */
export async function widgetUi(selector: string, command: UiCommand): Promise<unknown> {
  const widget = document.querySelector(selector);
  const root = widget?.shadowRoot;
  if (!root) return command.kind === 'state' ? { step: null, busy: true, error: null, codeForm: false, resultMessage: null } : false;
  // Searches the widget's shadow root and every shadow root inside it (the calendar has its own).
  const deep = (scope: ParentNode, css: string): Element[] => {
    const found = [...scope.querySelectorAll(css)];
    for (const element of scope.querySelectorAll('*')) if (element.shadowRoot) found.push(...deep(element.shadowRoot, css));
    return found;
  };
  const usable = (element: Element) =>
    !(element as HTMLButtonElement).disabled && element.getAttribute('aria-disabled') !== 'true' && element.getClientRects().length > 0;
  switch (command.kind) {
    case 'state': {
      const step = (root.querySelector('.step') as HTMLElement | null)?.dataset.step ?? null;
      const busy = deep(root, '[part~="loading"]').length > 0;
      const error =
        deep(root, '[part~="error"], [part~="field-error"]')
          .map((e) => e.textContent?.trim())
          .join(' | ') || null;
      const codeForm = deep(root, '[part~="code-form"]').length > 0;
      const resultMessage = deep(root, '[part~="result-message"]')[0]?.textContent?.trim() ?? null;
      return { step, busy, error, codeForm, resultMessage };
    }
    case 'click': {
      const target = deep(root, command.selector).find(usable) as HTMLElement | undefined;
      target?.click();
      return Boolean(target);
    }
    case 'fill': {
      const input = deep(root, `[name="${command.name}"]`)[0] as HTMLInputElement | undefined;
      if (!input) return false;
      input.focus();
      input.value = command.value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      input.blur();
      return true;
    }
    case 'text':
      return deep(root, command.selector)[0]?.textContent?.trim() ?? null;
    case 'contentHeight':
      return Math.ceil(document.body.getBoundingClientRect().height);
  }
}

export type Ui = (command: UiCommand) => Promise<unknown>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BookingPlan {
  /** Values for the details step, by field name; fields the site does not ask are skipped. */
  customer: Record<string, string>;
  /** Reads the confirmation code a code-confirming site sent. */
  code?: () => Promise<string>;
  /** Called with each step as the customer reaches it. */
  onStep?: (step: string) => void | Promise<void>;
}

/**
 * Books the first service, first staff, first free date and first time with `plan.customer`, and confirms
 * the code when asked. Resolves with the result's message; fails with what the widget showed when stuck.
 */
export async function bookToTheEnd(ui: Ui, plan: BookingPlan, timeoutMs = 50_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: UiState | undefined;
  let lastStep: string | null = null;
  let codeSent = false;
  while (Date.now() < deadline) {
    const state = (await ui({ kind: 'state' })) as UiState;
    last = state;
    if (state.step && state.step !== lastStep) {
      lastStep = state.step;
      await plan.onStep?.(state.step);
    }
    if (state.busy || !state.step) {
      await pause(100);
      continue;
    }
    switch (state.step) {
      case 'service':
      case 'staff':
      case 'branch':
        await ui({ kind: 'click', selector: '[part~="option"]' });
        break;
      case 'participants':
        await ui({ kind: 'click', selector: '[part~="next"]' });
        break;
      case 'when':
        // The first free date is chosen already when the month has one: its times show beside it.
        if (!(await ui({ kind: 'click', selector: '[part~="time"]' })) && !(await ui({ kind: 'click', selector: '[part~="next-available"]' }))) {
          await ui({ kind: 'click', selector: '[part~="day"]:not([part~="unavailable"])' });
        }
        break;
      case 'details':
        for (const [name, value] of Object.entries(plan.customer)) await ui({ kind: 'fill', name, value });
        await ui({ kind: 'click', selector: '[part~="book"]' });
        break;
      case 'result':
        if (state.codeForm && plan.code && !codeSent) {
          codeSent = true;
          await ui({ kind: 'fill', name: 'code', value: await plan.code() });
          await ui({ kind: 'click', selector: '[part~="confirm"]' });
        } else if (state.resultMessage) {
          return state.resultMessage;
        }
        break;
    }
    await pause(150);
  }
  throw new Error(`the booking did not finish: ${JSON.stringify(last)}`);
}
