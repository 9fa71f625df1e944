import type { Queryable } from '../../db/database.ts';
import { ApiFailure } from '../../errors.ts';
import type { PlatformCatalog, PlatformService, PlatformSite } from '../provider.ts';

export async function siteInfo(db: Queryable, siteId: string): Promise<PlatformSite> {
  const [row] = await db.query<{ name: string; phone: string | null; address: string | null; calendar: 'open' | 'slots' }>(
    'SELECT name, phone, address, calendar FROM sites WHERE id = $1',
    [siteId],
  );
  // A site configured as embedded but never given data is a setup mistake, not the customer's.
  if (!row) throw new ApiFailure('upstream_error', `The embedded engine has no data for site ${siteId}.`);
  return { name: row.name, phone: row.phone ?? undefined, address: row.address ?? undefined, calendar: row.calendar };
}

interface ServiceListRow {
  id: number;
  name: string;
  duration: number;
  price: string | number | null;
  ext_can_cancel: boolean;
  min_cancel_period: number;
  maxmembers: number;
  staff_ids: number[] | null;
  branch_ids: number[] | null;
  largest_slot: number | null;
}

/**
 * External services only, each with the service providers linked to it (most prominent first) and the
 * branches it is given in. On a timeslots site a service is a group booking when its slots take more than one.
 */
export async function catalog(db: Queryable, siteId: string, now: number): Promise<PlatformCatalog> {
  const { calendar } = await siteInfo(db, siteId);
  const [services, staff, branches] = await Promise.all([
    db.query<ServiceListRow>(
      `SELECT sv.id, sv.name, sv.duration, sv.price, sv.ext_can_cancel, sv.min_cancel_period, sv.maxmembers,
              (SELECT array_agg(st.id ORDER BY st.showorder DESC, st.id) FROM staff st
                 JOIN staff_services ss ON ss.staff_id = st.id
                WHERE ss.service_id = sv.id AND st.showorder > 0) AS staff_ids,
              (SELECT array_agg(DISTINCT b) FROM (
                 SELECT COALESCE(wh.branch_id, st.branch_id) AS b FROM staff st
                   JOIN staff_services ss ON ss.staff_id = st.id
                   LEFT JOIN working_hours wh ON wh.staff_id = st.id
                  WHERE ss.service_id = sv.id AND st.showorder > 0
                 UNION
                 SELECT COALESCE(sl.branch_id, st.branch_id) FROM slots sl JOIN staff st ON st.id = sl.staff_id
                   JOIN staff_services ss ON ss.staff_id = st.id AND ss.service_id = sv.id
                  WHERE sl.to_at > $2 AND NOT sl.cancelled AND (sl.service_id IS NULL OR sl.service_id = sv.id)) AS places
                WHERE b IS NOT NULL) AS branch_ids,
              (SELECT MAX(sl.maxmembers) FROM slots sl
                 JOIN staff_services ss ON ss.staff_id = sl.staff_id AND ss.service_id = sv.id
                WHERE sl.site_id = sv.site_id AND sl.to_at > $2 AND NOT sl.cancelled
                  AND (sl.service_id IS NULL OR sl.service_id = sv.id)) AS largest_slot
         FROM services sv
        WHERE sv.site_id = $1 AND sv.can_ext
        ORDER BY sv.id`,
      [siteId, new Date(now)],
    ),
    // Where each works: the branches of their hours (their own branch for hours that name none) and of their slots to come.
    db.query<{ id: number; name: string; branch_ids: number[] | null }>(
      `SELECT st.id, st.name,
              (SELECT array_agg(DISTINCT b) FROM (
                 SELECT COALESCE(wh.branch_id, st.branch_id) AS b FROM (SELECT 1) one LEFT JOIN working_hours wh ON wh.staff_id = st.id
                 UNION
                 SELECT COALESCE(sl.branch_id, st.branch_id) FROM slots sl WHERE sl.staff_id = st.id AND sl.to_at > $2 AND NOT sl.cancelled) AS places
                WHERE b IS NOT NULL) AS branch_ids
         FROM staff st WHERE st.site_id = $1 AND st.showorder > 0 ORDER BY st.showorder DESC, st.id`,
      [siteId, new Date(now)],
    ),
    db.query<{ id: number; name: string; address: string | null }>('SELECT id, name, address FROM branches WHERE site_id = $1 ORDER BY id', [siteId]),
  ]);
  return {
    services: services.map((s): PlatformService => {
      const maxParticipants = calendar === 'slots' ? Math.max(1, Number(s.largest_slot ?? s.maxmembers)) : 1;
      return {
        id: String(s.id),
        name: s.name,
        durationMinutes: s.duration,
        price: s.price === null ? null : Number(s.price),
        groupBooking: maxParticipants > 1,
        maxParticipants,
        staffIds: (s.staff_ids ?? []).map(String),
        // One branch, or none, says nothing: empty means every branch.
        branchIds:
          branches.length > 1
            ? (s.branch_ids ?? [])
                .map(Number)
                .sort((x, y) => x - y)
                .map(String)
            : [],
        customerCanCancel: s.ext_can_cancel,
        cancelNoticeMinutes: s.min_cancel_period,
      };
    }),
    staff: staff.map((s) => ({
      id: String(s.id),
      name: s.name,
      branchIds:
        branches.length > 1
          ? (s.branch_ids ?? [])
              .map(Number)
              .sort((x, y) => x - y)
              .map(String)
          : [],
    })),
    branches: branches.map((b) => ({ id: String(b.id), name: b.name, address: b.address })),
  };
}
