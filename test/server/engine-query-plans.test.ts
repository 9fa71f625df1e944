/**
 * The engine's availability queries read what is asked, not the whole history: with 100,000 past appointments
 * for one staff member (and 20,000 past slots), EXPLAIN ANALYZE of the very SQL the engine sends must use an
 * index on appointments and slots and discard at most a handful of rows. A later change that brings back a
 * full scan (a dropped index, a query no index serves) fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database, Queryable } from '../../src/server/db/database.ts';
import { reserveWithinCaps } from '../../src/server/booking/caps.ts';
import { busyTimes, slotsFor } from '../../src/server/providers/embedded/store.ts';
import { newSiteId, openTestDatabase } from './helpers/engine.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Rows Removed by Filter'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function* nodes(plan: PlanNode): Generator<PlanNode> {
  yield plan;
  for (const child of plan.Plans ?? []) yield* nodes(child);
}

/** Runs `run` against a database that records each query, then explains each recorded query with its parameters. */
async function plansOf(db: Database, run: (q: Queryable) => Promise<unknown>): Promise<PlanNode[]> {
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  await run({ query: (sql, params = []) => (seen.push({ sql, params }), db.query(sql, params)) });
  assert.ok(seen.length > 0, 'the engine sent no query');
  const plans: PlanNode[] = [];
  for (const { sql, params } of seen) {
    const [row] = await db.query<Record<string, unknown>>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    const raw = Object.values(row!)[0];
    const explained = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    plans.push(explained[0]!.Plan);
  }
  return plans;
}

function readsOf(plans: PlanNode[], relation: string) {
  const found = plans.flatMap((p) => [...nodes(p)]).filter((n) => n['Relation Name'] === relation);
  return {
    scans: found.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`),
    discarded: found.reduce((sum, n) => sum + (n['Rows Removed by Filter'] ?? 0) * (n['Actual Loops'] ?? 1), 0),
  };
}

describe('engine query plans at 100k appointments', () => {
  let db: Database;
  const site = newSiteId('plans');
  let staffId = 0;
  let serviceId = 0;
  const now = Date.parse('2027-06-01T08:00:00Z');
  const day = { start: Date.parse('2027-06-02T00:00:00Z'), end: Date.parse('2027-06-03T00:00:00Z') };

  before(async () => {
    db = await openTestDatabase();
    await db.query(`INSERT INTO sites (id, name, calendar) VALUES ($1, 'Plans', 'open')`, [site]);
    [{ id: staffId }] = (await db.query<{ id: number }>(`INSERT INTO staff (site_id, name, showorder) VALUES ($1, 'Dana', 1) RETURNING id`, [
      site,
    ])) as [{ id: number }];
    [{ id: serviceId }] = (await db.query<{ id: number }>(`INSERT INTO services (site_id, name, duration) VALUES ($1, 'Cut', 30) RETURNING id`, [
      site,
    ])) as [{ id: number }];
    await db.query('INSERT INTO staff_services (staff_id, service_id) VALUES ($1, $2)', [staffId, serviceId]);
    // Ten years of history, 30 minutes each, all before the asked day; three appointments on the asked day.
    await db.query(
      `INSERT INTO appointments (id, site_id, service_id, staff_id, from_at, to_at, status)
       SELECT $1 || '-old-' || n, $1, $2, $3, $4::timestamptz - n * interval '50 minutes', $4::timestamptz - n * interval '50 minutes' + interval '30 minutes', 'confirmed'
         FROM generate_series(1, 100000) AS n`,
      [site, serviceId, staffId, new Date(now)],
    );
    await db.query(
      `INSERT INTO appointments (id, site_id, service_id, staff_id, from_at, to_at, status)
       SELECT $1 || '-new-' || n, $1, $2, $3, $4::timestamptz + n * interval '2 hours', $4::timestamptz + n * interval '2 hours' + interval '30 minutes', 'confirmed'
         FROM generate_series(1, 3) AS n`,
      [site, serviceId, staffId, new Date(day.start)],
    );
    await db.query(
      `INSERT INTO slots (site_id, staff_id, from_at, to_at, vfib)
       SELECT $1, $2, $3::timestamptz - n * interval '3 hours', $3::timestamptz - n * interval '3 hours' + interval '1 hour', 'v' || n
         FROM generate_series(1, 20000) AS n`,
      [site, staffId, new Date(now)],
    );
    await db.query(
      `INSERT INTO slots (site_id, staff_id, from_at, to_at, vfib)
       SELECT $1, $2, $3::timestamptz + n * interval '2 hours', $3::timestamptz + n * interval '2 hours' + interval '1 hour', 'd' || n
         FROM generate_series(1, 4) AS n`,
      [site, staffId, new Date(day.start)],
    );
    await db.query('ANALYZE');
  });
  after(() => db.close());

  it('busy times of one day read that day only', async () => {
    let busy: Map<number, unknown[]> = new Map();
    const plans = await plansOf(db, async (q) => (busy = await busyTimes(q, [staffId], day, now)));
    assert.equal(busy.get(staffId)?.length, 3, 'the three appointments of the day are found');
    const reads = readsOf(plans, 'appointments');
    assert.ok(!reads.scans.some((s) => s.startsWith('Seq Scan')), `appointments read by ${reads.scans.join(', ')}`);
    assert.ok(reads.discarded <= 10, `${reads.discarded} appointment rows read and discarded`);
  });

  it('slots of one day read that day only', async () => {
    let slots: unknown[] = [];
    const plans = await plansOf(db, async (q) => (slots = await slotsFor(q, site, serviceId, null, day, now)));
    assert.equal(slots.length, 4, 'the four slots of the day are found');
    for (const relation of ['slots', 'appointments']) {
      const reads = readsOf(plans, relation);
      assert.ok(!reads.scans.some((s) => s.startsWith('Seq Scan')), `${relation} read by ${reads.scans.join(', ')}`);
      assert.ok(reads.discarded <= 10, `${reads.discarded} ${relation} rows read and discarded`);
    }
  });
});

describe('booking caps at 100k booking records', () => {
  let db: Database;
  const site = newSiteId('caps');
  const now = new Date('2027-06-01T08:00:00Z');

  before(async () => {
    db = await openTestDatabase();
    // A busy site: 100,000 records of other customers, five of the customer who books now (two of them today).
    await db.query(
      `INSERT INTO booking_records (id, site_id, platform_key, contact, created_at, starts_at)
       SELECT $1 || '-' || n, $1, '{}'::jsonb,
              jsonb_build_object('cell', '+97250' || lpad(n::text, 7, '0'), 'email', 'customer' || n || '@example.com'),
              $2::timestamptz - n * interval '5 minutes', $2::timestamptz + (n % 400) * interval '1 hour'
         FROM generate_series(1, 100000) AS n`,
      [site, now],
    );
    await db.query(
      `INSERT INTO booking_records (id, site_id, platform_key, contact, created_at, starts_at)
       SELECT $1 || '-mine-' || n, $1, '{}'::jsonb, '{"cell": "+972501234567", "email": "Noa@Example.com"}'::jsonb,
              $2::timestamptz - n * interval '10 hours', $2::timestamptz + interval '3 days'
         FROM generate_series(1, 5) AS n`,
      [site, now],
    );
    await db.query('ANALYZE');
  });
  after(() => db.close());

  it("counts one customer's records through indexes, discarding a handful", async () => {
    const booking = {
      id: `${site}-new`,
      contact: { firstName: 'Noa', lastName: 'Levi', cell: '+972501234567', email: 'noa@example.com', lang: 'en' as const },
      start: '2027-06-09T09:00:00Z',
    };
    // Five to come already: the open cap of five refuses this one, so the counts were right.
    await assert.rejects(
      reserveWithinCaps(db, () => now, site, { perCellPerDay: 100, perEmailPerDay: 100, openPerCustomer: 5 }, booking),
      (error: Error & { code?: string }) => error.code === 'booking_limit',
    );
    // reserve_within_caps counts through this function (migration 207); the planner inlines it, so EXPLAIN shows its reads.
    const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
    const plans = await plansOf(db, (q) =>
      q.query('SELECT * FROM booking_caps_counts($1, $2, $3, $4, $5, $6)', [
        site,
        booking.contact.cell,
        booking.contact.email,
        since,
        now.toISOString(),
        booking.id,
      ]),
    );
    const reads = readsOf(plans, 'booking_records');
    assert.ok(reads.scans.length > 0, 'the counts read booking_records in the plan (inlined)');
    assert.ok(!reads.scans.some((s) => s.startsWith('Seq Scan')), `booking_records read by ${reads.scans.join(', ')}`);
    assert.ok(reads.discarded <= 20, `${reads.discarded} booking_records rows read and discarded`);
  });
});
