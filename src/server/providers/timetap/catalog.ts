import type { Branch, StaffMember } from '../../../contract/catalog.ts';
import type { PlatformCatalog, PlatformService } from '../provider.ts';
import type { WireLocation, WireReason, WireStaff } from './wire.ts';

export interface CatalogInput {
  locations: WireLocation[];
  reasons: WireReason[];
  staff: WireStaff[];
  /** reasonId -> the professionalIds of GET /services/{reasonId}/serviceStaff. */
  serviceStaff: Map<string, string[]>;
  /** The locations the site config names, in its order: our branches. */
  siteLocations: string[];
  /** The site's cancel rules (TimeTap's API tells none). */
  cancel: { allowed: boolean; noticeMinutes: number };
  /** IANA zone of each TimeTap zone code we know of (GET /timezones), plus the site's own for a blank one. */
  zoneOf: (code: string) => string;
}

export interface TimeTapService extends PlatformService {
  /** Minutes the staff is blocked before and after the client's time. */
  bufferBefore: number;
  bufferAfter: number;
}

export interface TimeTapCatalog extends PlatformCatalog {
  services: TimeTapService[];
  /** professionalId -> IANA zone the staff member's times are in. */
  staffZones: Map<string, string>;
  /** locationId -> IANA zone of the location (the range call answers in it). */
  locationZones: Map<string, string>;
}

export function staffName(member: Pick<WireStaff, 'firstName' | 'lastName' | 'fullName'>): string {
  return member.fullName || [member.firstName, member.lastName].filter(Boolean).join(' ');
}

/**
 * Only what the public may book: active, non-private SERVICE reasons (CLASS reasons book through the class
 * schedule API, which is not covered) that an active staff member performs, at the locations the site names.
 */
export function buildCatalog(input: CatalogInput): TimeTapCatalog {
  const byId = new Map(input.locations.map((l) => [l.locationId, l]));
  const locations = input.siteLocations.map((id) => byId.get(id)).filter((l): l is WireLocation => l !== undefined && l.active);
  const liveStaff = input.staff.filter((s) => s.active);
  const liveIds = new Set(liveStaff.map((s) => s.professionalId));

  const services: TimeTapService[] = [];
  for (const reason of input.reasons) {
    if (!reason.active || reason.isPrivate || reason.reasonType.toUpperCase() !== 'SERVICE' || reason.visitMinutes <= 0) continue;
    const performers = (input.serviceStaff.get(reason.reasonId) ?? []).filter((id) => liveIds.has(id));
    if (performers.length === 0) continue;
    services.push({
      id: reason.reasonId,
      name: reason.reasonDesc,
      durationMinutes: reason.visitMinutes,
      price: reason.price !== null && Number.isFinite(reason.price) ? reason.price : null,
      groupBooking: false,
      maxParticipants: 1,
      // In the order of GET /staff, which is how the business sorts them.
      staffIds: liveStaff.map((s) => s.professionalId).filter((id) => performers.includes(id)),
      branchIds: [],
      customerCanCancel: input.cancel.allowed,
      cancelNoticeMinutes: input.cancel.noticeMinutes,
      bufferBefore: reason.bufferBefore,
      bufferAfter: reason.bufferAfter,
    });
  }

  const bookable = new Set(services.flatMap((s) => s.staffIds));
  const staff: StaffMember[] = liveStaff.filter((s) => bookable.has(s.professionalId)).map((s) => ({ id: s.professionalId, name: staffName(s) }));
  const branches: Branch[] = locations.map((l) => ({
    id: l.locationId,
    name: l.locationName,
    address: [l.address1, l.city, [l.state, l.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null,
  }));
  return {
    services,
    staff,
    branches,
    staffZones: new Map(liveStaff.map((s) => [s.professionalId, input.zoneOf(s.zone)])),
    locationZones: new Map(locations.map((l) => [l.locationId, input.zoneOf(l.zone)])),
  };
}

export function isIanaZone(name: string): boolean {
  if (!name.includes('/')) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * TimeTap names zones by its own codes; GET /timezones lists them with the IANA name in a field whose name
 * is not documented, so the entry's first value that is an IANA zone is taken. An IANA name is used as is.
 */
export function zoneResolver(entries: Array<Record<string, unknown>>, fallback: string): (code: string) => string {
  const table = new Map<string, string>();
  for (const entry of entries) {
    const code = typeof entry['timeZoneCode'] === 'string' ? entry['timeZoneCode'] : '';
    const iana = Object.values(entry).find((v): v is string => typeof v === 'string' && isIanaZone(v));
    if (code && iana) table.set(code, iana);
  }
  return (code) => (isIanaZone(code) ? code : (table.get(code) ?? fallback));
}
