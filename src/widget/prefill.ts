import { checkCustomerField, type Customer, type CustomerFieldName, type SiteInfo } from '../contract/index.ts';
import type { WidgetElement } from './widget-host.ts';

/** The element's prefill attributes, by the customer field each fills. */
const prefillAttributes = { firstName: 'first-name', lastName: 'last-name', email: 'email', cell: 'phone', notes: 'notes' } as const;
type Prefilled = keyof typeof prefillAttributes;
const prefilled = Object.keys(prefillAttributes) as Prefilled[];

const valueOf = (element: WidgetElement, field: Prefilled): string | undefined =>
  (field === 'cell' ? element.phone : element[field])?.trim() || undefined;

/** What the host page filled in, by customer field. */
export function prefillOf(element: WidgetElement): Partial<Customer> {
  const out: Partial<Customer> = {};
  for (const field of prefilled) {
    const value = valueOf(element, field);
    if (value) out[field] = value;
  }
  return out;
}

/**
 * The fields the customer sees but cannot change: those `locked` names (every prefilled one when it is empty)
 * that have a value the checks accept, so a wrong prefill never leaves the customer stuck.
 */
export function lockedFields(element: WidgetElement, site: SiteInfo): Set<CustomerFieldName> {
  if (element.locked === undefined || element.locked === null) return new Set();
  const names = element.locked.split(/\s+/).filter(Boolean);
  const rules = { country: site.country, fields: site.customerFields };
  return new Set(
    prefilled.filter((field) => {
      const value = valueOf(element, field);
      return (names.length === 0 || names.includes(prefillAttributes[field])) && value && !checkCustomerField(rules, field, value);
    }),
  );
}

/** The customer's details on arriving at the details step: what they typed, else the prefill; locked fields always the prefill. */
export function withPrefill(element: WidgetElement, site: SiteInfo, typed: Partial<Customer>): Partial<Customer> {
  const prefill = prefillOf(element);
  const out: Partial<Customer> = { ...typed };
  for (const field of prefilled) {
    if (prefill[field] && (!typed[field] || lockedFields(element, site).has(field))) out[field] = prefill[field];
  }
  return out;
}
