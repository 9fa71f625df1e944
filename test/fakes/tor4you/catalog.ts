import { live, only, type Params } from './api.ts';
import type { FakeSite } from './seed.ts';

/** The catalog answers, in the document's shapes: everything as text, status as a number. */
export function catalogAnswer(site: FakeSite, apicall: string, params: Params): object {
  only(params, ['showcancelled']);
  const all = params['showcancelled'] === '1';
  const shown = <T extends { status: string }>(items: T[]) => (all ? items : live(items));
  switch (apicall) {
    case 'siteinfo':
      return {
        status: 1,
        siteid: site.credentials.siteId,
        busname: site.busname,
        address: 'קפריסין 10',
        city: 'תל אביב',
        zip: '',
        phone: site.phone,
        email: 'service@example.co.il',
        created: '200101011010',
        web: '',
        ext_name: 'Tor4You',
        service_email: '',
        service_phone: '',
        usetimeslots: site.usetimeslots ? 'True' : 'False',
      };
    case 'services':
      return {
        status: 1,
        services: shown(site.services).map((s) => ({
          id: s.id,
          status: s.status,
          name: s.name,
          duration: String(s.duration),
          price: s.price,
          can_ext: s.canExt ? '1' : '0',
          ext_can_cancel: s.extCanCancel ? '1' : '0',
          min_cancel_period: String(s.minCancelPeriod),
          max_create_period: String(s.maxCreatePeriod),
          min_create_period: String(s.minCreatePeriod),
        })),
      };
    case 'staff':
      return {
        status: 1,
        staff: shown(site.staff).map((s) => ({
          id: s.id,
          status: s.status,
          createdby: '1',
          first: s.first,
          last: s.last,
          email: '',
          cell: '',
          admin: s.showorder > 0 ? '0' : '1',
          access: '2',
          branch: s.branch,
          showorder: String(s.showorder),
          zoomcode: '',
        })),
      };
    case 'staffservice':
      return { status: 1, staffservice: site.staffservice.map((l) => ({ staff: l.staff, service: l.service, status: '1' })) };
    default:
      return {
        status: 1,
        branches: site.branches.map((b, i) => ({
          id: b.id,
          status: '1',
          number: String(101 + i),
          name: b.name,
          address: b.address,
          city: b.city,
          zip: '',
          email: '',
          phone: '',
          waze: '',
        })),
      };
  }
}
