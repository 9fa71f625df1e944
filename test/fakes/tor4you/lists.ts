import { isRealDate, live, minutesOf, numeric, only, Refusal, required, takenPlaces, type Params } from './api.ts';
import type { FakeSite } from './seed.ts';

/** The list calls (slotlist, apptlist) in the document's short shapes. */

export function slotList(site: FakeSite, params: Params): object {
  only(params, ['showcancelled', 'from', 'to', 'service', 'staff']);
  const from = required(params, 'from');
  const to = required(params, 'to');
  if (!isRealDate(from)) throw new Refusal('Wrong date format: from must be YYYYMMDD');
  if (!isRealDate(to)) throw new Refusal('Wrong date format: to must be YYYYMMDD');
  if ((minutesOf(to) - minutesOf(from)) / 1440 + 1 > 60) throw new Refusal('Date range is limited to 60 days');
  const staff = numeric(params, 'staff', { required: false });
  const service = numeric(params, 'service', { required: false });
  const shown = params['showcancelled'] === '1' ? site.slots : live(site.slots);
  return {
    status: 1,
    slots: shown
      .filter((s) => s.from.slice(0, 8) >= from && s.from.slice(0, 8) <= to)
      .filter((s) => (!staff || s.staff === staff) && (!service || s.services === service))
      .map((s) => {
        const member = site.staff.find((m) => m.id === s.staff);
        return {
          id: s.id,
          status: s.status,
          from: s.from,
          to: s.to,
          staff: s.staff,
          staffname: member ? `${member.first} ${member.last}` : '',
          services: s.services,
          maxmembers: String(s.maxmembers),
          participants: String(takenPlaces(site, s)),
          zoom: '',
          vfib: s.vfib,
        };
      }),
  };
}

export function appointmentList(site: FakeSite, params: Params): object {
  only(params, ['format', 'showcancelled', 'from', 'to', 'createfrom', 'createto', 'service', 'staff', 'customer', 'slotid', 'lu']);
  const from = required(params, 'from');
  const to = required(params, 'to');
  if (!isRealDate(from)) throw new Refusal('Wrong date format: from must be YYYYMMDD');
  if (!isRealDate(to)) throw new Refusal('Wrong date format: to must be YYYYMMDD');
  if ((minutesOf(to) - minutesOf(from)) / 1440 + 1 > 60) throw new Refusal('Date range is limited to 60 days');
  const filters = ['service', 'staff', 'slotid'].map((name) => [name, numeric(params, name, { required: false })] as const);
  const shown = params['showcancelled'] === '1' ? site.appointments : live(site.appointments);
  const appts = shown
    .filter((a) => !a.islozamin && a.from.slice(0, 8) >= from && a.from.slice(0, 8) <= to)
    .filter((a) => filters.every(([name, value]) => !value || a[name as 'service' | 'staff' | 'slotid'] === value))
    .map((a) => {
      const staff = site.staff.find((m) => m.id === a.staff);
      const customer = site.customers.find((c) => c.id === a.customerId);
      return {
        id: a.id,
        slotid: a.slotid,
        status: a.status,
        from: a.from,
        to: a.to,
        staff: a.staff,
        staffname: staff ? `${staff.first} ${staff.last}` : '',
        service: a.service,
        servicename: site.services.find((x) => x.id === a.service)?.name ?? '',
        cid: a.customerId,
        tz: customer?.tz ?? '',
        first: customer?.first ?? '',
        last: customer?.last ?? '',
        email: customer?.email ?? '',
        cell: customer?.cell ?? '',
        vfib: a.vfib,
      };
    });
  return { status: 1, lu: '202001311200000000', appts };
}
