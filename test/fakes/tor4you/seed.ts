/**
 * The fake's two businesses: a timeslots site (a clinic with private slots and a group class)
 * and an open-calendar site (a hair salon with two branches). Hebrew names, as on the real platform.
 */

export interface FakeService {
  id: string;
  status: '1' | '0';
  name: string;
  duration: number;
  price: string;
  canExt: boolean;
  extCanCancel: boolean;
  minCancelPeriod: number;
  /** Minutes from now before which nothing can be booked. */
  minCreatePeriod: number;
  /** Days ahead after which nothing can be booked. */
  maxCreatePeriod: number;
}

export interface FakeStaff {
  id: string;
  status: '1' | '0';
  first: string;
  last: string;
  branch: string;
  showorder: number;
}

export interface FakeSlot {
  id: string;
  vfib: string;
  status: '1' | '0';
  staff: string;
  /** '0' = any linked service. */
  services: string;
  from: string;
  to: string;
  maxmembers: number;
}

export interface FakeAppointment {
  id: string;
  vfib: string;
  status: '1' | '0';
  slotid: string;
  from: string;
  to: string;
  staff: string;
  service: string;
  customerId: string;
  participants: number;
  notes: string;
  islozamin: boolean;
  iscoming: 0 | 1 | 2;
  sendnotice: boolean;
  extra: Record<string, string>;
}

export interface FakeCustomer {
  id: string;
  first: string;
  last: string;
  cell: string;
  email: string;
  tz: string;
}

export interface FakeCredentials {
  torkey: string;
  siteId: string;
  key: string;
  secret: string;
  webhookKey: string;
}

export interface FakeSite {
  credentials: FakeCredentials;
  busname: string;
  phone: string;
  usetimeslots: boolean;
  services: FakeService[];
  staff: FakeStaff[];
  staffservice: Array<{ staff: string; service: string }>;
  branches: Array<{ id: string; name: string; address: string; city: string }>;
  slots: FakeSlot[];
  /** Open calendars: weekday (0 = Sunday) to working hours as minutes of the day. */
  hours: Record<number, { open: number; close: number }>;
  appointments: FakeAppointment[];
  customers: FakeCustomer[];
}

const service = (s: Partial<FakeService> & Pick<FakeService, 'id' | 'name' | 'duration'>): FakeService => ({
  status: '1',
  price: '',
  canExt: true,
  extCanCancel: true,
  minCancelPeriod: 180,
  minCreatePeriod: 60,
  maxCreatePeriod: 60,
  ...s,
});

let vfibCounter = 0;
/** 16 upper-case hex characters, like the platform's vfib/conf. */
export function newVfib(): string {
  vfibCounter += 1;
  const random = Math.floor(Math.random() * 0xffffffff)
    .toString(16)
    .toUpperCase()
    .padStart(8, '0');
  return (random + vfibCounter.toString(16).toUpperCase().padStart(8, '0')).slice(0, 16);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local dates `YYYYMMDD` from the day after `today` (a `YYYYMMDD`), `days` of them. */
function nextDays(today: string, days: number): Array<{ date: string; weekday: number }> {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(4, 6));
  const d = Number(today.slice(6, 8));
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.UTC(y, m - 1, d + i + 1));
    return { date: `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`, weekday: date.getUTCDay() };
  });
}

export function slotsSite(today: string): FakeSite {
  const slots: FakeSlot[] = [];
  let nextId = 610000;
  const add = (staff: string, services: string, date: string, from: string, to: string, maxmembers: number) => {
    nextId += 1;
    slots.push({ id: String(nextId), vfib: newVfib(), status: '1', staff, services, from: date + from, to: date + to, maxmembers });
  };
  for (const { date, weekday } of nextDays(today, 20)) {
    if (weekday === 6) continue; // closed on Shabbat
    add('8001', '0', date, '0900', '0930', 1);
    add('8001', '0', date, '0930', '1000', 1);
    add('8002', '7002', date, '1000', '1030', 1);
    add('8001', '7003', date, '1800', '1900', 5);
  }
  const site: FakeSite = {
    credentials: { torkey: '5001-slots-torkey-secret', siteId: '5001', key: 'slotskey', secret: 'slots-secret', webhookKey: 'slots-webhook-key' },
    busname: 'קליניקה לדוגמה',
    phone: '03-544-8485',
    usetimeslots: true,
    services: [
      service({ id: '7001', name: 'לא זמין', duration: 60, canExt: false, extCanCancel: false }),
      service({ id: '7002', name: 'פגישת ייעוץ', duration: 30, price: '150' }),
      service({ id: '7003', name: 'שיעור קבוצתי', duration: 60, extCanCancel: false, minCancelPeriod: 0 }),
      service({ id: '7004', name: 'טיפול פנימי', duration: 45, canExt: false }),
    ],
    staff: [
      { id: '8003', status: '1', first: 'מנהל', last: 'מערכת', branch: '0', showorder: 0 },
      { id: '8002', status: '1', first: 'יוסי', last: 'כהן', branch: '0', showorder: 1 },
      { id: '8001', status: '1', first: 'דנה', last: 'לוי', branch: '0', showorder: 2 },
      { id: '8004', status: '0', first: 'רינת', last: 'גבאי', branch: '0', showorder: 3 },
    ],
    staffservice: [
      { staff: '8001', service: '7002' },
      { staff: '8001', service: '7003' },
      { staff: '8002', service: '7002' },
      { staff: '8002', service: '7004' },
      { staff: '8003', service: '7002' },
      { staff: '8004', service: '7002' },
    ],
    branches: [{ id: '9001', name: 'מרכז', address: 'הרצל 1', city: 'תל אביב' }],
    slots,
    hours: {},
    appointments: [],
    customers: [],
  };
  // The first day's 09:30 slot is blocked by a lozamin: it must never be offered.
  const blocked = slots[1]!;
  site.appointments.push({
    id: '990001',
    vfib: newVfib(),
    status: '1',
    slotid: blocked.id,
    from: blocked.from,
    to: blocked.to,
    staff: blocked.staff,
    service: '7001',
    customerId: '0',
    participants: 1,
    notes: '',
    islozamin: true,
    iscoming: 0,
    sendnotice: false,
    extra: {},
  });
  return site;
}

export function openSite(): FakeSite {
  const weekday = { open: 9 * 60, close: 17 * 60 };
  return {
    credentials: { torkey: '5002-open-torkey-secret', siteId: '5002', key: 'openkey', secret: 'open-secret', webhookKey: 'open-webhook-key' },
    busname: 'מספרה לדוגמה',
    phone: '04-123-4567',
    usetimeslots: false,
    services: [
      service({ id: '7101', name: 'תספורת', duration: 30, price: '80', minCancelPeriod: 120, maxCreatePeriod: 30 }),
      service({ id: '7102', name: 'צבע', duration: 90, price: '250', extCanCancel: false, maxCreatePeriod: 30 }),
      service({ id: '7103', name: 'טיפול פנימי', duration: 30, canExt: false }),
    ],
    staff: [
      { id: '8101', status: '1', first: 'רונית', last: 'אברהם', branch: '9101', showorder: 2 },
      { id: '8102', status: '1', first: 'אבי', last: 'שלו', branch: '9102', showorder: 1 },
    ],
    staffservice: [
      { staff: '8101', service: '7101' },
      { staff: '8101', service: '7102' },
      { staff: '8102', service: '7101' },
      { staff: '8102', service: '7103' },
    ],
    branches: [
      { id: '9101', name: 'צפון', address: 'הנביאים 5', city: 'חיפה' },
      { id: '9102', name: 'דרום', address: '', city: 'באר שבע' },
    ],
    slots: [],
    hours: { 0: weekday, 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: { open: 9 * 60, close: 13 * 60 } },
    appointments: [],
    customers: [],
  };
}
