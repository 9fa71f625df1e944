import { systemClock } from '../../clock.ts';
import type { Logger } from '../../deps.ts';
import { ApiFailure } from '../../errors.ts';
import type { PlatformSiteConfig, SetupCheckLine } from '../platform.ts';
import { isOnlineAfsprakenSite } from './config.ts';
import { missingFields } from './fields.ts';
import { clientFor } from './adapter.ts';
import { signatureAlgorithms, type SignatureAlgorithm } from './signature.ts';
import * as mapping from './mapping.ts';
import * as wire from './wire.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The setup check for an OnlineAfspraken site: harmless signed reads (getAgendas first) with the configured
 * key and secret, trying the other hash when the configured one is refused, then the agenda, the code setting
 * and the required fields. Says in words what works and what to change.
 */
export async function checkOnlineAfspraken(
  site: PlatformSiteConfig<{ type: string }>,
  options: { env?: NodeJS.ProcessEnv; fetch?: typeof fetch } = {},
): Promise<SetupCheckLine[]> {
  if (!isOnlineAfsprakenSite(site)) throw new Error(`site ${site.id} is not an OnlineAfspraken site`);
  const config = site.provider;
  const lines: SetupCheckLine[] = [];
  const deps = { clock: systemClock, log: quiet, ...(options.env ? { env: options.env } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) };

  const order: SignatureAlgorithm[] = [config.signature, ...signatureAlgorithms.filter((a) => a !== config.signature)];
  let accepted: { algorithm: SignatureAlgorithm; agendas: Array<{ Id: string; Name: string }>; client: ReturnType<typeof clientFor> } | null = null;
  for (const algorithm of order) {
    const client = clientFor(site, { ...config, signature: algorithm }, deps);
    try {
      const agendas = await client.list('getAgendas', {}, 'Agenda', wire.agenda);
      accepted = { algorithm, agendas, client };
      break;
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'upstream_auth') continue;
      const reason =
        error instanceof ApiFailure && error.code === 'upstream_unavailable'
          ? `no answer from ${config.baseUrl} within ${config.timeoutMs} ms`
          : (error as Error).message;
      lines.push({ ok: false, text: `OnlineAfspraken could not be reached: ${reason}.` });
      return lines;
    }
  }
  if (!accepted) {
    lines.push({
      ok: false,
      text: `OnlineAfspraken refused the API key and secret (${config.keyEnv}, ${config.secretEnv}) with SHA1 and with SHA256. Check both in OnlineAfspraken under Instellingen > API, and that the account is on the Pro plan (API access).`,
    });
    return lines;
  }
  const name = accepted.algorithm.toUpperCase();
  lines.push(
    accepted.algorithm === config.signature
      ? { ok: true, text: `The API key and secret work; the account accepts ${name} signatures (as configured).` }
      : { ok: false, text: `The API key and secret work, but only with ${name}: set "signature": "${accepted.algorithm}" in this site's provider.` },
  );
  const offset = accepted.client.salt.offsetSeconds;
  if (Math.abs(offset) > 60)
    lines.push({
      ok: true,
      text: `This machine's clock is ${Math.abs(offset)} s ${offset > 0 ? 'behind' : 'ahead of'} OnlineAfspraken's; the adapter corrects for it, but keep the clock in sync (NTP).`,
    });

  const agenda = accepted.agendas.find((a) => a.Id === config.agendaId);
  if (!agenda) {
    const known = accepted.agendas.map((a) => `${a.Id}${a.Name ? ` (${a.Name})` : ''}`).join(', ') || 'none';
    lines.push({ ok: false, text: `There is no agenda ${config.agendaId} on this account. Its agendas: ${known}. Put one of these in "agendaId".` });
    return lines;
  }
  lines.push({ ok: true, text: `Agenda ${agenda.Id}${agenda.Name ? ` "${agenda.Name}"` : ''} found.` });

  const client = clientFor(site, { ...config, signature: accepted.algorithm }, deps);
  const { Required: codes } = await client.one('requiresConfirmation', {}, 'Confirmation', wire.confirmation);
  lines.push(
    codes
      ? { ok: true, text: 'The account asks customers for a confirmation code; OnlineAfspraken sends it, and the widget asks for it.' }
      : { ok: true, text: 'The account books without a confirmation code.' },
  );
  if (codes !== (site.confirmation === 'code')) {
    lines.push({
      ok: false,
      text: `Set "confirmation": "${codes ? 'code' : 'none'}" for this site so the widget tells customers what happens next.`,
    });
  }

  const fields = await client.list('getFields', { AgendaId: agenda.Id }, 'Field', wire.field);
  const problems = missingFields(site, config, fields);
  for (const problem of problems) lines.push({ ok: false, text: `Customer fields: ${problem}.` });
  if (problems.length === 0)
    lines.push({
      ok: true,
      text: `Every required extra field can be filled (${
        fields
          .filter((f) => f.Required)
          .map((f) => f.Key)
          .join(', ') || 'none required'
      }).`,
    });

  const types = await client.list('getAppointmentTypes', {}, 'AppointmentType', wire.appointmentType);
  const resources = await client.list('getResources', {}, 'Resource', wire.resource);
  const catalog = mapping.buildCatalog(types, resources);
  lines.push(
    catalog.services.length > 0
      ? { ok: true, text: `Customers can book: ${catalog.services.map((s) => s.name).join(', ')}.` }
      : { ok: false, text: 'No appointment type can be booked by customers: switch on "Can be booked by consumer" for at least one.' },
  );
  return lines;
}
