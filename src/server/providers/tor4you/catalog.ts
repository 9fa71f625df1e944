import type { Branch, StaffMember } from '../../../contract/catalog.ts';
import type { PlatformCatalog, PlatformService } from '../provider.ts';
import type { WireService, WireStaff } from './wire.ts';

export interface CatalogInput {
  services: WireService[];
  staff: WireStaff[];
  links: Array<{ staff: string; service: string; status: boolean }>;
  branches: Array<{ id: string; status: boolean; name: string; address: string; city: string }>;
  /** Services booked by groups on slots, with the most participants one booking may bring. */
  groupServices: Record<string, number>;
}

export interface Tor4YouCatalog extends PlatformCatalog {
  /** max_create_period in days per public service (0 = no limit), so we never ask past it. */
  bookingHorizonDays: Map<string, number>;
}

export function staffName(member: Pick<WireStaff, 'first' | 'last'>): string {
  return [member.first, member.last].filter(Boolean).join(' ');
}

/**
 * Service providers are live staff with showorder > 0, higher first. Some answers carry no showorder
 * at all: then everyone linked to a service is taken to provide it, in the platform's order.
 */
function serviceProviders(staff: WireStaff[], linked: Set<string>): WireStaff[] {
  const live = staff.filter((s) => s.status);
  const ordered = live.some((s) => s.showorder !== '');
  if (!ordered) return live.filter((s) => linked.has(s.id));
  return live
    .filter((s) => Number(s.showorder) > 0)
    .map((s, index) => ({ s, index }))
    .sort((a, b) => Number(b.s.showorder) - Number(a.s.showorder) || a.index - b.index)
    .map(({ s }) => s);
}

/** Only what the public may book: external (can_ext) live services that someone performs. */
export function buildCatalog(input: CatalogInput): Tor4YouCatalog {
  const links = input.links.filter((l) => l.status);
  const providers = serviceProviders(input.staff, new Set(links.map((l) => l.staff)));
  const liveBranches = input.branches.filter((b) => b.status);
  const bookingHorizonDays = new Map<string, number>();

  const services: PlatformService[] = [];
  for (const wire of input.services) {
    if (!wire.status || !wire.can_ext || wire.duration <= 0) continue;
    const performers = providers.filter((p) => links.some((l) => l.staff === p.id && l.service === wire.id));
    if (performers.length === 0) continue;
    // A staff member on branch 0 works everywhere; otherwise the service is given where its staff are.
    const everywhere = liveBranches.length <= 1 || performers.some((p) => p.branch === '' || p.branch === '0');
    const branchIds = everywhere ? [] : [...new Set(performers.map((p) => p.branch))];
    const maxParticipants = input.groupServices[wire.id] ?? 1;
    const price = wire.price === '' ? null : Number(wire.price);
    services.push({
      id: wire.id,
      name: wire.name,
      durationMinutes: wire.duration,
      price: price !== null && Number.isFinite(price) ? price : null,
      groupBooking: maxParticipants > 1,
      maxParticipants,
      staffIds: performers.map((p) => p.id),
      branchIds,
      customerCanCancel: wire.ext_can_cancel,
      cancelNoticeMinutes: wire.min_cancel_period,
    });
    bookingHorizonDays.set(wire.id, wire.max_create_period);
  }

  const bookable = new Set(services.flatMap((s) => s.staffIds));
  // A staff member on branch 0 (or none) works everywhere: no branch ids.
  const staff: StaffMember[] = providers
    .filter((p) => bookable.has(p.id))
    .map((p) => ({ id: p.id, name: staffName(p), branchIds: liveBranches.length <= 1 || p.branch === '' || p.branch === '0' ? [] : [p.branch] }));
  const branches: Branch[] = liveBranches.map((b) => ({
    id: b.id,
    name: b.name,
    address: [b.address, b.city].filter(Boolean).join(', ') || null,
  }));
  return { services, staff, branches, bookingHorizonDays };
}
