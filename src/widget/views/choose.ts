import { html, nothing, type TemplateResult } from 'lit';
import type { Branch, Language, Service, SiteInfo, StaffMember } from '../../contract/index.ts';
import { duration } from '../format.ts';
import type { Messages } from '../i18n/en.ts';
import { priceText } from './common.ts';

/** A list of choices as real buttons; the current choice is pressed, so back shows what was chosen. */
function options<T>(
  items: readonly T[],
  key: (item: T) => string,
  label: (item: T) => TemplateResult | string,
  chosen: string | null | undefined,
  pick: (item: T) => void,
) {
  return html`<ul part="options">
    ${items.map(
      (item) => html`<li>
        <button type="button" class="option" part="option" aria-pressed=${key(item) === chosen ? 'true' : 'false'} @click=${() => pick(item)}>${label(item)}</button>
      </li>`,
    )}
  </ul>`;
}

export function serviceStep(
  m: Messages,
  services: readonly Service[],
  site: SiteInfo,
  lang: Language,
  chosen: string | undefined,
  pick: (id: string) => void,
) {
  return options(
    services,
    (s) => s.id,
    (s) => html`<span>${s.name}</span>
      <small>${duration(s.durationMinutes, lang)}${s.price === null ? nothing : html` · ${priceText(m, s.price, site.currency, lang)}`}</small>`,
    chosen,
    (s) => pick(s.id),
  );
}

export function staffStep(m: Messages, staff: readonly StaffMember[], chosen: string | null | undefined, pick: (id: string | null) => void) {
  const any = { id: '', name: m.anyStaff };
  return options(
    [any, ...staff],
    (s) => s.id,
    (s) => s.name,
    chosen === null ? '' : chosen,
    (s) => pick(s.id || null),
  );
}

export function branchStep(m: Messages, branches: readonly Branch[], chosen: string | undefined, pick: (id: string) => void) {
  return options(
    branches,
    (b) => b.id,
    (b) => html`<span>${b.name}</span>${b.address ? html`<small>${b.address}</small>` : nothing}`,
    chosen,
    (b) => pick(b.id),
  );
}

export function participantsStep(m: Messages, max: number, value: number, submit: (n: number) => void) {
  // A wrong number is marked on the field and its hint says the range, in the customer's language (not the browser's bubble).
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('participants') as HTMLInputElement;
    const n = Number(input.value);
    const valid = Number.isInteger(n) && n >= 1 && n <= max;
    input.setAttribute('aria-invalid', String(!valid));
    input.nextElementSibling?.classList.toggle('error', !valid);
    if (valid) submit(n);
    else input.focus();
  };
  return html`<form @submit=${onSubmit} part="form" novalidate>
    <div class="field">
      <label for="participants">${m.participantsLabel}</label>
      <input id="participants" name="participants" type="number" inputmode="numeric" min="1" max=${max} step="1" required
        .value=${String(value)} aria-invalid="false" aria-describedby="participants-hint" />
      <small id="participants-hint">${m.participantsHint(max)}</small>
    </div>
    <button type="submit" class="primary" part="next">${m.next}</button>
  </form>`;
}
