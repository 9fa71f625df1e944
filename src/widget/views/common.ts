import { html, type TemplateResult } from 'lit';
import type { Language } from '../../contract/index.ts';
import { ApiProblem } from '../api/client.ts';
import { price } from '../format.ts';
import type { Messages } from '../i18n/en.ts';

/** The customer's words for a failure. */
export function problemText(m: Messages, error: unknown): string {
  const code = error instanceof ApiProblem ? error.code : 'network';
  return m.errors[code] ?? m.errors.generic;
}

/** A price, or "Free" when it costs nothing. */
export function priceText(m: Messages, amount: number, currency: string, lang: Language): string {
  return amount === 0 ? m.free : price(amount, currency, lang);
}

/** A skeleton of a list of choices while it loads: the step keeps its shape, never an empty box. */
export function pending(m: Messages, rows = 3): TemplateResult {
  return html`<div class="skeleton" part="loading" aria-busy="true">
    <span class="sr">${m.loading}</span>
    ${Array.from({ length: rows }, () => html`<span class="bar option-bar" aria-hidden="true"></span>`)}
  </div>`;
}

/** Every failed load says what went wrong (an alert, so a screen reader hears it too) and offers to try again. */
export function failed(m: Messages, error: unknown, retry: () => void): TemplateResult {
  return html`<div class="failure" part="error">
    <p class="error" role="alert">${problemText(m, error)}</p>
    <button type="button" @click=${retry}>${m.retry}</button>
  </div>`;
}

export function customerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
