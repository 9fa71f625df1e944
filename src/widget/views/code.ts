import { html, nothing } from 'lit';
import type { Messages } from '../i18n/en.ts';

export interface CodeInput {
  m: Messages;
  busy: boolean;
  /** A new code is on its way, or the server does not allow the next one yet. */
  resendWaits: boolean;
  problem: string | null;
  resendNote: string | null;
  sentTo: string;
  confirm: (code: string) => void;
  /** Null when the platform cannot send the code again. */
  resend: (() => void) | null;
}

/** One labelled input for the 6-digit code; the phone offers it from the message (one-time-code). */
export function codeForm({ m, busy, resendWaits, problem, resendNote, sentTo, confirm, resend }: CodeInput) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    if (!busy) confirm(input.value.replace(/\D/g, ''));
  };
  return html`<p>${m.pendingCode(sentTo)}</p>
    <form @submit=${onSubmit} novalidate part="form code-form">
      <div class="field">
        <label for="code">${m.codeLabel}</label>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6"
          aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? 'code-error' : nothing} />
        ${problem ? html`<p class="error" id="code-error" part="field-error">${problem}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="submit" class="primary" part="confirm" aria-disabled=${busy ? 'true' : 'false'}>${m.confirm}</button>
        ${
          resend
            ? html`<button type="button" part="send-again" aria-disabled=${resendWaits ? 'true' : 'false'} @click=${() => !resendWaits && resend()}>${m.sendAgain}</button>`
            : nothing
        }
      </div>
      ${resendNote ? html`<p part="resend-note">${resendNote}</p>` : nothing}
    </form>`;
}
