import type { TimesQuery } from '../../../contract/availability.ts';
import type { Clock } from '../../clock.ts';
import type { PlatformKey, PlatformSite } from '../provider.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import { buildCatalog, type Tor4YouCatalog } from './catalog.ts';
import type { Tor4YouClient } from './client.ts';
import { placesLeft, toSite } from './mapping.ts';
import { toTorDate } from './time.ts';
import * as wire from './wire.ts';
import { bookingNotFound } from '../shared/upstream.ts';

/**
 * The business, its services and staff change rarely and no webhook tells of it: reloaded at most this often
 * (4 calls), and not on every booking, which changes availability only.
 */
const businessTtlMs = 60_000;

/** What the adapter reads from Tor4You besides availability: the business, its catalog, one appointment (and its history). */
export class Tor4YouReads {
  readonly #client: Tor4YouClient;
  readonly #groupServices: Record<string, number>;
  readonly #business: TtlCache;

  constructor(client: Tor4YouClient, options: { clock: Clock; groupServices: Record<string, number> }) {
    this.#client = client;
    this.#groupServices = options.groupServices;
    this.#business = new TtlCache({ ttlMs: businessTtlMs, now: () => options.clock().getTime() });
  }

  site(): Promise<PlatformSite> {
    return this.#business.get('site', async () => toSite(await this.#client.get('siteinfo', {}, wire.siteInfoAnswer)));
  }

  catalog(): Promise<Tor4YouCatalog> {
    return this.#business.get('catalog', async () => {
      // Sequential on purpose: the platform limits calls per minute, and these four are one page load.
      const services = await this.#client.get('services', {}, wire.servicesAnswer);
      const staff = await this.#client.get('staff', {}, wire.staffAnswer);
      const links = await this.#client.get('staffservice', {}, wire.staffServiceAnswer);
      const branches = await this.#client.get('branches', {}, wire.branchesAnswer);
      return buildCatalog({
        services: services.services,
        staff: staff.staff,
        links: links.staffservice,
        branches: branches.branches,
        groupServices: this.#groupServices,
      });
    });
  }

  async appointment(key: PlatformKey): Promise<wire.WireAppointment> {
    const apptId = key['apptId'];
    const vfib = key['vfib'];
    if (!apptId || !vfib) throw bookingNotFound();
    const answer = await this.#client.get('apptinfo', { apptid: apptId }, wire.appointmentAnswer);
    const appt = answer.appt[0]!;
    // The vfib is what proves the right to this appointment: an id alone must not open it.
    if (appt.vfib !== '' && appt.vfib !== vfib) throw bookingNotFound();
    // apptinfo leaves out the attendance answer and the participants; the newest history snapshot has them.
    const { history } = await this.#client.get('appthistory', { apptid: appt.id }, wire.historyAnswer);
    const newest = history.reduce<(typeof history)[number] | undefined>((a, b) => (a && Number(a.id) > Number(b.id) ? a : b), undefined);
    return newest ? { ...appt, iscoming: newest.iscoming, participants: newest.participants } : appt;
  }

  /** Group slots only: availability does not say how many places are left, slotlist does (one more call). */
  async placesLeftOn(query: TimesQuery): Promise<Map<string, number>> {
    const date = toTorDate(query.date);
    return placesLeft(await this.#client.get('slotlist', { from: date, to: date, staff: query.staff }, wire.slotListAnswer));
  }
}
