-- What the booking caps count from our own records, for every platform: when each booking starts and whether it
-- was cancelled here.
ALTER TABLE booking_records ADD COLUMN starts_at timestamptz;
ALTER TABLE booking_records ADD COLUMN cancelled_at timestamptz;
CREATE INDEX booking_records_site_created ON booking_records (site_id, created_at);
