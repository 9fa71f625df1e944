import type { Clock } from '../../src/server/clock.ts';
import type { Database, Queryable } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createAdmin } from '../../src/server/providers/embedded/admin.ts';
import { addDays, eachDay, weekday } from '../../src/contract/plain-date.ts';
import { zonedDate, zonedInstant } from '../../src/server/zoned.ts';

/** How far ahead demo-studio always has slots. */
const studioDays = 60;
const clinicTz = 'Asia/Jerusalem';
const studioTz = 'Europe/Amsterdam';

/**
 * The demo businesses of `npm start` (demo/sites.json): created once, and demo-studio's slots topped up
 * at every start so there are always 60 days to book. Safe to run again: nothing is ever duplicated.
 */
/** The demo businesses, by site id: only those a sites config names are created. */
export const demoSiteIds = ['demo-clinic', 'demo-studio'] as const;

export async function ensureDemoData(db: Database, clock: Clock, wanted: readonly string[] = demoSiteIds): Promise<void> {
  await migrate(db);
  await db.transaction(async (tx) => {
    if (wanted.includes('demo-clinic') && (await claimSite(tx, { id: 'demo-clinic', name: 'מרפאת הדגמה', phone: '03-555-0100', address: 'רחוב הרצל 10, תל אביב', calendar: 'open' }))) {
      await createClinic(tx, clock);
    }
    if (wanted.includes('demo-studio') && (await claimSite(tx, { id: 'demo-studio', name: 'Bookwell Demo Studio', phone: '+31 20 555 0100', address: 'Keizersgracht 123, 1015 CJ Amsterdam', calendar: 'slots' }))) {
      await createStudio(tx, clock);
    }
  });
  if (wanted.includes('demo-studio')) await db.transaction((tx) => topUpStudioSlots(tx, clock));
}

/** True when this call created the site (so its data is still to be added). */
async function claimSite(tx: Queryable, site: { id: string; name: string; phone: string; address: string; calendar: 'open' | 'slots' }): Promise<boolean> {
  const rows = await tx.query('INSERT INTO sites (id, name, phone, address, calendar) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id', [
    site.id,
    site.name,
    site.phone,
    site.address,
    site.calendar,
  ]);
  return rows.length > 0;
}

async function createClinic(tx: Queryable, clock: Clock): Promise<void> {
  const a = createAdmin(tx, clock);
  const site = 'demo-clinic';
  const telAviv = await a.addBranch(site, { name: 'סניף תל אביב', address: 'רחוב הרצל 10, תל אביב' });
  const haifa = await a.addBranch(site, { name: 'סניף חיפה', address: 'שדרות הנשיא 5, חיפה' });
  const michal = await a.addStaff(site, { name: 'ד"ר מיכל לוי', showorder: 30, branchId: telAviv });
  const yossi = await a.addStaff(site, { name: 'יוסי כהן', showorder: 20, branchId: haifa });
  const noa = await a.addStaff(site, { name: 'נועה ברק', showorder: 10, branchId: telAviv });
  await a.addStaff(site, { name: 'מזכירות', showorder: 0, branchId: telAviv });

  // Sunday = 0. Each has one weekday off; Noa works in both branches.
  for (const weekday of [0, 1, 3, 4]) await a.addHours(michal, { weekday, from: '08:00', to: '14:00' });
  await a.addHours(michal, { weekday: 5, from: '08:00', to: '12:00' });
  for (const weekday of [0, 1, 2, 4]) await a.addHours(yossi, { weekday, from: '12:00', to: '20:00' });
  for (const weekday of [0, 2]) await a.addHours(noa, { weekday, from: '09:00', to: '17:00', branchId: telAviv });
  for (const weekday of [1, 4]) await a.addHours(noa, { weekday, from: '09:00', to: '17:00', branchId: haifa });
  await a.addHours(noa, { weekday: 5, from: '08:30', to: '13:00', branchId: telAviv });

  await a.addService(site, { name: 'בדיקה כללית', duration: 30, grid: 15, price: 150, minCreatePeriod: 60, maxCreatePeriod: 60, minCancelPeriod: 180, staffIds: [michal, yossi, noa] });
  await a.addService(site, { name: 'ייעוץ', duration: 45, grid: 15, price: 250, minCreatePeriod: 120, maxCreatePeriod: 45, extCanCancel: false, staffIds: [michal, noa] });
  await a.addService(site, { name: 'טיפול מקיף', duration: 60, grid: 30, price: 400, minCreatePeriod: 24 * 60, maxCreatePeriod: 60, minCancelPeriod: 24 * 60, staffIds: [yossi, noa] });
  await a.addService(site, { name: 'ישיבת צוות', duration: 60, grid: 60, canExt: false, staffIds: [michal, yossi, noa] });

  // A short holiday ten days out, so the calendar shows a gap.
  const today = zonedDate(clinicTz, clock().getTime());
  await a.addTimeOff(michal, { from: new Date(zonedInstant(clinicTz, addDays(today, 10), 0)!), to: new Date(zonedInstant(clinicTz, addDays(today, 13), 0)!), reason: 'חופשה' });
}

async function createStudio(tx: Queryable, clock: Clock): Promise<void> {
  const a = createAdmin(tx, clock);
  const site = 'demo-studio';
  const sanne = await a.addStaff(site, { name: 'Sanne de Vries', showorder: 20 });
  const thomas = await a.addStaff(site, { name: 'Thomas Jansen', showorder: 10 });
  await a.addService(site, { name: 'Yoga flow', duration: 60, price: 18, maxmembers: 8, minCreatePeriod: 60, maxCreatePeriod: 60, minCancelPeriod: 120, staffIds: [sanne] });
  await a.addService(site, { name: 'Pilates', duration: 55, price: 20, maxmembers: 8, minCreatePeriod: 60, maxCreatePeriod: 60, minCancelPeriod: 120, staffIds: [thomas] });
  await a.addService(site, { name: 'Private session', duration: 60, price: 65, minCreatePeriod: 12 * 60, maxCreatePeriod: 60, minCancelPeriod: 24 * 60, staffIds: [sanne, thomas] });
  await a.addService(site, { name: 'Intro talk', duration: 30, price: 0, minCreatePeriod: 60, maxCreatePeriod: 60, extCanCancel: false, staffIds: [thomas] });
  await topUpStudioSlots(tx, clock);

  // One yoga class two days out is closed for maintenance.
  const date = addDays(zonedDate(studioTz, clock().getTime()), 2);
  const from = zonedInstant(studioTz, date, 9 * 60)!;
  const [slot] = await tx.query<{ id: number }>('SELECT id FROM slots WHERE site_id = $1 AND staff_id = $2 AND from_at = $3', [site, sanne, new Date(from)]);
  if (slot) await a.addLozamin(site, { staffId: sanne, slotId: slot.id, from: new Date(from), to: new Date(from + 3_600_000) });
}

interface WeeklySlot {
  staff: string;
  service: string | null;
  weekdays: number[];
  at: string;
  minutes: number;
  maxmembers: number;
}

/** The studio's week: group classes of 8, private slots of 1, and open slots (any service) of Thomas. */
const studioWeek: WeeklySlot[] = [
  { staff: 'Sanne de Vries', service: 'Yoga flow', weekdays: [1, 2, 3, 4, 5, 6], at: '09:00', minutes: 60, maxmembers: 8 },
  { staff: 'Sanne de Vries', service: 'Yoga flow', weekdays: [2, 4], at: '19:00', minutes: 60, maxmembers: 8 },
  { staff: 'Thomas Jansen', service: 'Pilates', weekdays: [1, 3, 5], at: '18:30', minutes: 55, maxmembers: 8 },
  { staff: 'Sanne de Vries', service: 'Private session', weekdays: [2, 4], at: '13:00', minutes: 60, maxmembers: 1 },
  { staff: 'Thomas Jansen', service: null, weekdays: [1, 2, 3, 4, 5], at: '11:00', minutes: 60, maxmembers: 1 },
  { staff: 'Thomas Jansen', service: null, weekdays: [1, 2, 3, 4, 5], at: '12:00', minutes: 60, maxmembers: 1 },
];

/** Adds the studio's missing slots up to 60 days ahead; slots are unique by site + staff + start. */
async function topUpStudioSlots(db: Queryable, clock: Clock): Promise<void> {
  const site = 'demo-studio';
  const staff = new Map((await db.query<{ id: number; name: string }>('SELECT id, name FROM staff WHERE site_id = $1', [site])).map((r) => [r.name, r.id]));
  const services = new Map((await db.query<{ id: number; name: string }>('SELECT id, name FROM services WHERE site_id = $1', [site])).map((r) => [r.name, r.id]));
  if (staff.size === 0) return;
  const a = createAdmin(db, clock);
  const today = zonedDate(studioTz, clock().getTime());
  for (const date of eachDay(today, addDays(today, studioDays))) {
    const dayOfWeek = weekday(date);
    for (const plan of studioWeek) {
      const staffId = staff.get(plan.staff);
      if (!plan.weekdays.includes(dayOfWeek) || staffId === undefined) continue;
      const [h, m] = plan.at.split(':').map(Number) as [number, number];
      const from = zonedInstant(studioTz, date, h * 60 + m);
      if (from === null) continue;
      const serviceId = plan.service === null ? null : services.get(plan.service) ?? null;
      await a.addSlot(site, { staffId, serviceId, from: new Date(from), to: new Date(from + plan.minutes * 60_000), maxmembers: plan.maxmembers });
    }
  }
}
