/** Keyboard-only helpers: the tests move the way a keyboard user does, and read focus through shadow roots. */
import { sendKeys } from '@web/test-runner-commands';

/** The element that really has focus, inside any shadow root. */
export function focused(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Key presses (not typed text) so far, so a test can measure what a flow asks of a keyboard user. */
export const effort = { presses: 0 };

/** A key, or a chord such as "Shift+Tab" (modifiers held down around the last key). */
export async function press(key: string): Promise<void> {
  effort.presses++;
  const keys = key.split('+');
  const last = keys.pop()!;
  for (const modifier of keys) await sendKeys({ down: modifier });
  await sendKeys({ press: last });
  for (const modifier of keys.reverse()) await sendKeys({ up: modifier });
}

export async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
}

/** Presses Tab (or Shift+Tab) until the focused element matches, as a person tabbing to a control would. */
export async function tabTo(matches: (el: Element) => boolean, { max = 60, backwards = false } = {}): Promise<Element> {
  for (let i = 0; i < max; i++) {
    const el = focused();
    if (el && matches(el)) return el;
    await press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`no focusable element matched after ${max} presses of Tab; focus is on ${focused()?.outerHTML.slice(0, 120)}`);
}

export const byText = (text: string | RegExp) => (el: Element) =>
  typeof text === 'string' ? (el.textContent ?? '').trim().includes(text) : text.test(el.textContent ?? '');

export const byLabel = (label: string | RegExp) => (el: Element) => {
  const root = el.getRootNode() as ShadowRoot | Document;
  const name = el.getAttribute('aria-label') ?? (el.id ? root.querySelector(`label[for="${el.id}"]`)?.textContent : '') ?? '';
  return typeof label === 'string' ? name.includes(label) : label.test(name);
};

/** Waits until a condition holds, for what loads asynchronously. */
export async function until<T>(check: () => T | null | undefined | false, what = 'a condition', timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
