import * as z from 'zod/mini';
import { typedText } from './common.ts';

/** Countries whose mobile numbers we know how to check. */
export const countries = ['IL', 'NL', 'FR', 'US'] as const;
export type Country = (typeof countries)[number];

/**
 * Mobile numbers as a customer types them in each country, national or international form.
 * Small rules instead of a phone library: the widget ships them, and size matters there.
 */
const mobileRules: Record<Country, { national: RegExp; international: RegExp; prefix: string }> = {
  IL: { national: /^05\d{8}$/, international: /^\+9725\d{8}$/, prefix: '+972' },
  NL: { national: /^06\d{8}$/, international: /^\+316\d{8}$/, prefix: '+31' },
  FR: { national: /^0[67]\d{8}$/, international: /^\+33[67]\d{8}$/, prefix: '+33' },
  US: { national: /^1?[2-9]\d{2}[2-9]\d{6}$/, international: /^\+1[2-9]\d{2}[2-9]\d{6}$/, prefix: '+1' },
};

/** Spaces, dashes, dots and brackets are how people write numbers; they are not part of it. */
export function compactPhone(value: string): string {
  return value.replace(/[\s\-.()]/g, '');
}

export function isMobileNumber(country: Country, value: string): boolean {
  const rule = mobileRules[country];
  const compact = compactPhone(value);
  return rule.national.test(compact) || rule.international.test(compact);
}

/** The national form (Israel: 05XXXXXXXX), which is what the platforms store. */
export function nationalMobile(country: Country, value: string): string {
  const compact = compactPhone(value);
  const rule = mobileRules[country];
  if (compact.startsWith(rule.prefix)) {
    const rest = compact.slice(rule.prefix.length);
    return country === 'US' ? rest : `0${rest}`;
  }
  return compact;
}

/** E.164 (+972501234567), what an SMS gateway takes, from a number in national or international form. */
export function internationalMobile(country: Country, value: string): string {
  const compact = compactPhone(value);
  const rule = mobileRules[country];
  if (compact.startsWith('+')) return compact;
  if (country === 'US') return `${rule.prefix}${compact.replace(/^1/, '')}`;
  return `${rule.prefix}${compact.replace(/^0/, '')}`;
}

/** Israeli ID (teudat zehut): 9 digits (shorter ones are left-padded) with a Luhn-like check digit. */
export function isIsraeliId(value: string): boolean {
  const digits = value.trim();
  if (!/^\d{5,9}$/.test(digits)) return false;
  const padded = digits.padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let n = Number(padded[i]) * ((i % 2) + 1);
    if (n > 9) n -= 9;
    sum += n;
  }
  return sum % 10 === 0;
}

const email = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** The fields a site may ask of a customer. firstName, lastName and cell are always asked. */
export const customerFieldNames = ['firstName', 'lastName', 'cell', 'email', 'idNumber', 'notes'] as const;
export type CustomerFieldName = (typeof customerFieldNames)[number];

export const customerField = z.object({
  name: z.enum(customerFieldNames),
  required: z.boolean(),
});
export type CustomerField = z.infer<typeof customerField>;

/** What makes one field wrong, as a stable reason the widget translates. */
export type FieldProblem = 'required' | 'too_long' | 'invalid_cell' | 'invalid_email' | 'invalid_id';

export interface CustomerRules {
  country: Country;
  fields: readonly CustomerField[];
}

export interface Customer {
  firstName: string;
  lastName: string;
  cell: string;
  email?: string | undefined;
  idNumber?: string | undefined;
  notes?: string | undefined;
}

/** Checks one field as the customer types; the server runs the same check on the whole customer. */
export function checkCustomerField(rules: CustomerRules, name: CustomerFieldName, raw: string | undefined): FieldProblem | null {
  const value = (raw ?? '').trim();
  const field = rules.fields.find((f) => f.name === name);
  const required = name === 'firstName' || name === 'lastName' || name === 'cell' || field?.required === true;
  if (!value) return required ? 'required' : null;
  if (value.length > (name === 'notes' ? 500 : 80)) return 'too_long';
  if (name === 'cell' && !isMobileNumber(rules.country, value)) return 'invalid_cell';
  if (name === 'email' && !email.test(value)) return 'invalid_email';
  if (name === 'idNumber' && !isIsraeliId(value)) return 'invalid_id';
  return null;
}

export function checkCustomer(rules: CustomerRules, customer: Customer): { field: CustomerFieldName; problem: FieldProblem } | null {
  for (const name of customerFieldNames) {
    const problem = checkCustomerField(rules, name, customer[name]);
    if (problem) return { field: name, problem };
  }
  return null;
}

/** The wire shape of a customer; the site-specific rules run after it with checkCustomer. */
export const customer = z.object({
  firstName: typedText(80),
  lastName: typedText(80),
  cell: typedText(20),
  email: z.optional(typedText(80)),
  idNumber: z.optional(typedText(12)),
  notes: z.optional(typedText(500, true)),
});
