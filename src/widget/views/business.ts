import { css, html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/en.ts';

/** The business as the customer needs it to find and reach it; the session answer and the manage view both carry it. */
export interface Business {
  name: string;
  /** Where the appointment takes place: the branch's address, else the business's. */
  address?: string | undefined;
  phone?: string | undefined;
}

/** A phone number as a tel: link dials: digits and a leading +. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Maps opens the address in the customer's own maps site; the address is public, the booking is not in it. */
function mapsHref(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}

/**
 * The business's name, address (with directions) and phone (a tap dials it). Numbers and addresses keep their own
 * direction inside a Hebrew page (dir=auto / ltr), so "03-555-0100" never reads backwards.
 */
/** Its look travels with it (adoptLooks(), later-looks.ts), so the first screen does not carry it. */
export const businessLook = css`
  .business { display: grid; gap: 0.15rem; }
  .business p { margin: 0; }
  .business-name { font-weight: 600; }
  .business-line { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; }
  .business a { color: var(--bookwell-accent-strong); font-weight: 600; text-underline-offset: 3px; }
`;

export function businessBlock(m: Messages, business: Business): TemplateResult {
  const { name, address, phone } = business;
  return html`<section class="business" part="business" aria-label=${name}>
    <p class="business-name" part="business-name">${name}</p>
    ${
      address
        ? html`<p class="business-line" part="business-address"><span dir="auto">${address}</span>
          <a href=${mapsHref(address)} target="_blank" rel="noopener noreferrer">${m.business.directions}</a></p>`
        : nothing
    }
    ${
      phone
        ? html`<p class="business-line"><a part="business-phone" href=${telHref(phone)} aria-label=${m.business.call(phone)}><span dir="ltr">${phone}</span></a></p>`
        : nothing
    }
  </section>`;
}
