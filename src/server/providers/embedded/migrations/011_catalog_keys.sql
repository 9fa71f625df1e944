-- A catalog file names services, staff and branches by key; the key finds the same row at every start, so
-- ids (and the bookings pointing at them) stay when the file changes.
ALTER TABLE branches ADD COLUMN IF NOT EXISTS key text;
ALTER TABLE staff ADD COLUMN IF NOT EXISTS key text;
ALTER TABLE services ADD COLUMN IF NOT EXISTS key text;
CREATE UNIQUE INDEX IF NOT EXISTS branches_key ON branches (site_id, key);
CREATE UNIQUE INDEX IF NOT EXISTS staff_key ON staff (site_id, key);
CREATE UNIQUE INDEX IF NOT EXISTS services_key ON services (site_id, key);
