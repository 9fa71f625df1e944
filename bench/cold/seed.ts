/**
 * The cold bench's businesses: one site per staff count (1, 10 and 50 staff, three services each, Monday to
 * Saturday 08:00-18:00), each with `appointments` rows of its own: 15 ahead per staff member, one every 6 days of
 * the next 90 (the same at every volume, at most half of them), the rest history, 50 minutes apart into the past.
 * So the figures of one staff count differ by history only.
 */
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { applyCatalog } from '../../src/server/providers/embedded/apply-catalog.ts';
import { catalogFile } from '../../src/server/providers/embedded/catalog-file.ts';

export const staffCounts = [1, 10, 50] as const;
export const siteOf = (staff: number) => `bench-${staff}`;
export const benchOrigin = 'https://bench.example';
export const timeZone = 'Europe/Amsterdam';

export function sitesFile(origins = [benchOrigin]) {
  return {
    sites: staffCounts.map((staff) => ({
      id: siteOf(staff),
      origins,
      locale: 'en',
      languages: ['en'],
      timezone: timeZone,
      country: 'NL',
      currency: 'EUR',
      provider: { type: 'embedded' },
    })),
  };
}

function catalogFor(staff: number) {
  return catalogFile.parse({
    name: `Bench ${staff}`,
    services: [30, 45, 60].map((minutes) => ({
      key: `s${minutes}`,
      name: `Service ${minutes}`,
      durationMinutes: minutes,
      gridMinutes: 15,
      maxDaysAhead: 120,
    })),
    staff: Array.from({ length: staff }, (_, i) => ({
      key: `m${i}`,
      name: `Member ${i}`,
      services: ['s30', 's45', 's60'],
      hours: [{ days: [1, 2, 3, 4, 5, 6], from: '08:00', to: '18:00' }],
    })),
  });
}

/** Where the server finds its database: a PGlite folder, or a PostgreSQL URL. */
export type Target = { dataDir: string } | { url: string };

export async function seed(target: Target, appointments: number, now: number): Promise<void> {
  const db: Database = await openDatabase('url' in target ? { url: target.url } : { dataDir: target.dataDir });
  try {
    await migrate(db);
    const tomorrow = new Date(Math.ceil(now / 86_400_000) * 86_400_000);
    for (const staff of staffCounts) {
      const site = siteOf(staff);
      await applyCatalog(db, { id: site, timeZone }, catalogFor(staff), now);
      const ids = (await db.query<{ id: number }>('SELECT id FROM staff WHERE site_id = $1 ORDER BY id', [site])).map((r) => r.id);
      const [{ id: service }] = (await db.query<{ id: number }>("SELECT id FROM services WHERE site_id = $1 AND key = 's30'", [site])) as [
        { id: number },
      ];
      const future = Math.min(Math.floor(appointments / 2), staff * 15);
      const insert = (suffix: string, at: string) =>
        `INSERT INTO appointments (id, site_id, service_id, staff_id, from_at, to_at, status)
         SELECT $1 || '-${suffix}-' || n, $1, $2, ($3::int[])[1 + n % ${staff}], ${at}, ${at} + interval '30 minutes', 'confirmed'
           FROM generate_series(0, $5 - 1) AS n`;
      await db.query(insert('old', "$4::timestamptz - (n + 1) * interval '50 minutes'"), [site, service, ids, new Date(now), appointments - future]);
      await db.query(insert('new', `$4::timestamptz + (1 + 6 * (n / ${staff}) + n % 6) * interval '1 day' + interval '9 hours'`), [
        site,
        service,
        ids,
        tomorrow,
        future,
      ]);
    }
    await db.query('ANALYZE');
  } finally {
    await db.close();
  }
}
