import { html, nothing, type TemplateResult } from 'lit';
import type { Country, Customer, CustomerFieldName, FieldProblem, SiteInfo } from '../../contract/index.ts';
import type { Messages } from '../i18n/en.ts';

/** What is wrong with a field: the shared checks' reason, or `rejected` when only the server refused it. */
export type ShownProblem = FieldProblem | 'rejected';

/** A mobile number as people write it in the business's country, whatever the language. */
const phoneExamples: Record<Country, string> = { IL: '050-1234567', NL: '06 12345678', FR: '06 12 34 56 78', US: '(201) 555-0123' };

function problemText(m: Messages, site: SiteInfo, problem: ShownProblem): string {
  const text = m.problems[problem];
  return typeof text === 'string' ? text : text(phoneExamples[site.country]);
}

/** The fields this site asks, in the order a person fills them in. */
export function askedFields(site: SiteInfo): CustomerFieldName[] {
  const extra = site.customerFields.map((f) => f.name).filter((n) => n !== 'firstName' && n !== 'lastName' && n !== 'cell');
  return ['firstName', 'lastName', 'cell', ...extra.filter((n) => n !== 'notes'), ...extra.filter((n) => n === 'notes')];
}

function isRequired(site: SiteInfo, name: CustomerFieldName): boolean {
  return name === 'firstName' || name === 'lastName' || name === 'cell' || site.customerFields.some((f) => f.name === name && f.required);
}

/** `dir`: a phone number or an e-mail address reads left to right in every language. */
const inputAttributes: Record<CustomerFieldName, { type: string; autocomplete: string; inputmode?: string; dir?: string }> = {
  firstName: { type: 'text', autocomplete: 'given-name' },
  lastName: { type: 'text', autocomplete: 'family-name' },
  cell: { type: 'tel', autocomplete: 'tel', inputmode: 'tel', dir: 'ltr' },
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', dir: 'ltr' },
  idNumber: { type: 'text', autocomplete: 'off', inputmode: 'numeric' },
  notes: { type: 'text', autocomplete: 'off' },
};

export interface DetailsInput {
  m: Messages;
  site: SiteInfo;
  customer: Partial<Customer>;
  /** Prefilled by the host page and not to be changed: shown read-only, still sent. */
  locked: ReadonlySet<CustomerFieldName>;
  /** Problems shown now: a field gets one once the customer has left it or tried to continue. */
  problems: Partial<Record<CustomerFieldName, ShownProblem>>;
  /** The booking is on its way: the button says so and takes no second press. */
  busy: boolean;
  /** The failure of the last attempt to book. */
  status: TemplateResult | typeof nothing;
  edit: (name: CustomerFieldName, value: string) => void;
  leave: (name: CustomerFieldName) => void;
  /** What was typed into the hidden field only bots fill in. */
  trap: (value: string) => void;
  submit: () => void;
}

/**
 * A field people never meet: off-screen, out of the tab order, hidden from screen readers and from autofill.
 * A bot filling every input fills it too, and the server refuses that booking.
 */
function botTrap(trap: (value: string) => void) {
  return html`<div class="trap" aria-hidden="true">
    <label for="field-website">Website</label>
    <input id="field-website" name="website" type="text" tabindex="-1" autocomplete="off" @input=${(e: Event) => trap((e.target as HTMLInputElement).value)} />
  </div>`;
}

/** The customer's details and the Book button: the summary above is the review. */
export function detailsStep({ m, site, customer, locked, problems, busy, status, edit, leave, trap, submit }: DetailsInput) {
  const field = (name: CustomerFieldName) => {
    const problem = problems[name];
    const attrs = inputAttributes[name];
    const required = isRequired(site, name);
    const readOnly = locked.has(name);
    const onInput = (e: Event) => edit(name, (e.target as HTMLInputElement).value);
    const common = {
      id: `field-${name}`,
      described: problem ? `error-${name}` : undefined,
    };
    return html`<div class="field" part="field">
      <label for=${common.id}>${m.fields[name]}${required ? nothing : html` <small>(${m.optional})</small>`}</label>
      ${
        name === 'notes'
          ? html`<textarea id=${common.id} name=${name} rows="3" maxlength="500" ?readonly=${readOnly} ?required=${required} aria-required=${required ? 'true' : 'false'} .value=${customer[name] ?? ''}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${common.described ?? nothing}
            @input=${onInput} @blur=${() => leave(name)}></textarea>`
          : html`<input id=${common.id} name=${name} type=${attrs.type} autocomplete=${attrs.autocomplete}
            inputmode=${attrs.inputmode ?? nothing} dir=${attrs.dir ?? nothing} ?readonly=${readOnly} ?required=${required} aria-required=${required ? 'true' : 'false'}
            .value=${customer[name] ?? ''} aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${common.described ?? nothing}
            @input=${onInput} @blur=${() => leave(name)} />`
      }
      ${problem ? html`<p class="error" id="error-${name}" part="field-error">${problemText(m, site, problem)}</p>` : nothing}
    </div>`;
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!busy) submit();
  };
  return html`<form @submit=${onSubmit} novalidate part="form" class="details">
    ${askedFields(site).map(field)}
    ${botTrap(trap)}
    ${status}
    <button type="submit" class="primary book" part="book" aria-disabled=${busy ? 'true' : 'false'}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>${m.booking}` : m.book}
    </button>
  </form>`;
}
