import type { SiteSettings } from '../../config/sites.ts';
import type { OnlineAfsprakenConfig } from './config.ts';
import type { WireField } from './wire.ts';

/**
 * What stops this site from filling the platform's required extra fields (getFields): a required Key that
 * the config maps to none of our customer fields, or maps to one the site does not make required.
 * Each problem is a sentence for the person setting the site up.
 */
export function missingFields(
  site: Pick<SiteSettings, 'customerFields'>,
  config: Pick<OnlineAfsprakenConfig, 'fields'>,
  fields: readonly WireField[],
): string[] {
  const problems: string[] = [];
  for (const field of fields) {
    if (!field.Required) continue;
    const source = config.fields[field.Key];
    if (!source) {
      problems.push(
        `the required field "${field.Label || field.Key}" (Key ${field.Key}) is not in "fields"; map it to email, idNumber or notes, or make it optional in OnlineAfspraken`,
      );
    } else if (!site.customerFields.some((f) => f.name === source && f.required)) {
      problems.push(`the required field "${field.Label || field.Key}" is filled from ${source}, which customerFields does not make required`);
    }
  }
  return problems;
}
