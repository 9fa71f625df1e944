import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import { zonedDate } from '../../zoned.ts';
import type { SetupCheckLine, SetupCheckOptions } from '../platform.ts';
import { agendizeHosts, type AgendizeConfig } from './config.ts';
import { clientFor, type AgendizeSite } from './adapter.ts';
import { buildCatalog } from './mapping.ts';
import { monthOf } from './time.ts';
import * as wire from './wire.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const hosts = Object.keys(agendizeHosts) as Array<AgendizeConfig['host']>;

/**
 * The setup check for an Agendize site (`npm run check:site -- <site>`): harmless reads with the configured key and
 * token: the company (trying the other regional hosts when the configured one refuses them), its time zone, the
 * services and the form items they ask for, and one month of free slots under the configured API version.
 */
export async function checkAgendize(site: AgendizeSite, options: SetupCheckOptions = {}): Promise<SetupCheckLine[]> {
  const config: AgendizeConfig = site.provider;
  const deps = { log: quiet, env: options.env, fetch: options.fetch };
  const lines: SetupCheckLine[] = [];
  const companyPath = `/scheduling/companies/${encodeURIComponent(config.companyId)}`;
  const readCompany = (c: AgendizeConfig) => clientFor(site, c, deps).call('company', 'read', companyPath, {}, wire.company);

  let company: wire.WireCompany;
  try {
    company = await readCompany(config);
  } catch (error) {
    if (!(error instanceof ApiFailure) || error.code !== 'upstream_auth' || config.baseUrl) {
      lines.push({ ok: false, text: `Agendize could not be reached for company ${config.companyId}: ${reasonOf(error, config)}.` });
      return lines;
    }
    for (const host of hosts.filter((h) => h !== config.host)) {
      const found = await readCompany({ ...config, host }).catch(() => null);
      if (found) {
        lines.push({
          ok: false,
          text: `The API key and token work on the "${host}" host, not "${config.host}": set "host": "${host}" in this site's provider.`,
        });
        return lines;
      }
    }
    lines.push({
      ok: false,
      text: `Agendize refused the API key and token (${config.auth.apiKeyEnv}, ${config.auth.tokenEnv}) for company ${config.companyId} on every host. Ask Agendize for the API key and token of this account, and check the company id.`,
    });
    return lines;
  }
  lines.push({
    ok: true,
    text: `The API key and token work: company "${company.name}" on ${config.baseUrl ?? agendizeHosts[config.host]}, API ${config.version}.`,
  });
  lines.push(
    company.timeZone === site.timezone
      ? { ok: true, text: `The company's time zone is ${company.timeZone}, as the site says.` }
      : {
          ok: false,
          text: `The company's time zone is ${company.timeZone} but the site says ${site.timezone}: set "timezone": "${company.timeZone}".`,
        },
  );

  const client = clientFor(site, config, deps);
  try {
    const services = await client.call('services', 'read', `${companyPath}/services`, {}, wire.servicesAnswer);
    const staff = await client.call('staff', 'read', `${companyPath}/staff`, {}, wire.staffAnswer);
    const catalog = buildCatalog({ services: services.items, staff: staff.items, locale: site.locale, formFields: config.formFields });
    lines.push({
      ok: catalog.services.length > 0,
      text: `${catalog.services.length} service(s) can be booked: ${catalog.services.map((s) => s.name).join(', ') || 'none'}.`,
    });
    for (const gap of catalog.unfillable) {
      lines.push({
        ok: false,
        text: `Service ${gap.service} asks for the mandatory form item "${gap.title}" (${gap.item}), which no customer field fills: map it in "formFields" (e.g. "${gap.item}": "notes", with notes required), or make it optional in Agendize. Until then the service is not offered.`,
      });
    }
    const first = catalog.services[0];
    if (first) {
      const { first: start, last } = monthOf(zonedDate(site.timezone, Date.now()));
      const query = { startDate: start, endDate: last, serviceId: first.id, timeZone: company.timeZone };
      try {
        await client.call('freeSlots', 'read', `${companyPath}/widget/freeSlots`, { version: config.freeSlotsVersion, query }, wire.freeSlotsAnswer);
        lines.push({ ok: true, text: `Free slots answer under API ${config.freeSlotsVersion}.` });
      } catch (error) {
        const other = config.freeSlotsVersion === '2.1' ? '2.0' : '2.1';
        const works = await client.call('freeSlots', 'read', `${companyPath}/widget/freeSlots`, { version: other, query }, wire.freeSlotsAnswer).then(
          () => true,
          () => false,
        );
        lines.push({
          ok: false,
          text: works
            ? `Free slots answer under API ${other}, not ${config.freeSlotsVersion}: set "freeSlotsVersion": "${other}".`
            : `Free slots could not be read: ${reasonOf(error, config)}.`,
        });
      }
    }
  } catch (error) {
    lines.push({ ok: false, text: `The services could not be read: ${reasonOf(error, config)}.` });
  }

  lines.push(
    config.attendanceStatuses
      ? {
          ok: true,
          text: `"Are you coming?" answers set the custom statuses ${config.attendanceStatuses.yes} (yes) and ${config.attendanceStatuses.no} (no).`,
        }
      : { ok: true, text: '"Are you coming?" is not offered: no "attendanceStatuses" are set.' },
  );
  lines.push(
    config.webhookSecretEnv
      ? { ok: true, text: `Changes made in Agendize reach Bookwell once the watch is registered: npm run setup:agendize-watch -- ${site.id}.` }
      : {
          ok: false,
          text: 'No "webhookSecretEnv": changes made in Agendize are seen only when the short caches expire. Set one and run npm run setup:agendize-watch.',
        },
  );
  return lines;
}

function reasonOf(error: unknown, config: AgendizeConfig): string {
  if (error instanceof ApiFailure && error.code === 'upstream_unavailable') return `no answer within ${config.timeoutMs} ms`;
  if (error instanceof ApiFailure && error.code === 'upstream_auth') return 'the API key and token were refused';
  return error instanceof Error ? error.message : String(error);
}
