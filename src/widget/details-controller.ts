import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checkCustomerField, type Customer, type CustomerFieldName, type FieldProblem, type SiteInfo } from '../contract/index.ts';
import { askedFields, type ShownProblem } from './views/details.ts';

/**
 * The customer's details as they type: the same checks the server runs (checkCustomerField), shown once a field
 * has been left or the customer tries to continue, so nobody is scolded for a field they have not reached yet.
 */
export class DetailsController implements ReactiveController {
  problems: Partial<Record<CustomerFieldName, ShownProblem>> = {};
  readonly #host: ReactiveControllerHost;
  readonly #touched = new Set<CustomerFieldName>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  #check(site: SiteInfo, customer: Partial<Customer>, name: CustomerFieldName): FieldProblem | null {
    const problem = checkCustomerField({ country: site.country, fields: site.customerFields }, name, customer[name]);
    const { [name]: _old, ...rest } = this.problems;
    this.problems = problem ? { ...rest, [name]: problem } : rest;
    this.#host.requestUpdate();
    return problem;
  }

  edited(site: SiteInfo, customer: Partial<Customer>, name: CustomerFieldName): void {
    if (this.#touched.has(name)) this.#check(site, customer, name);
  }

  left(site: SiteInfo, customer: Partial<Customer>, name: CustomerFieldName): void {
    this.#touched.add(name);
    this.#check(site, customer, name);
  }

  /** The server refused a field these checks let through (its rules are newer): wrong until the customer changes it. */
  rejected(site: SiteInfo, customer: Partial<Customer>, name: CustomerFieldName): void {
    this.#touched.add(name);
    this.problems = { ...this.problems, [name]: this.#check(site, customer, name) ?? 'rejected' };
  }

  /** Checks every asked field: the customer as the API takes it, or the first wrong field. */
  submit(site: SiteInfo, values: Partial<Customer>): { customer: Customer } | { wrong: CustomerFieldName } {
    const fields = askedFields(site);
    fields.forEach((f) => this.#touched.add(f));
    const wrong = fields.filter((f) => this.#check(site, values, f));
    if (wrong[0]) return { wrong: wrong[0] };
    const customer: Customer = {
      firstName: values.firstName?.trim() ?? '',
      lastName: values.lastName?.trim() ?? '',
      cell: values.cell?.trim() ?? '',
    };
    for (const f of ['email', 'idNumber', 'notes'] as const) {
      const value = values[f]?.trim();
      if (fields.includes(f) && value) customer[f] = value;
    }
    return { customer };
  }
}
