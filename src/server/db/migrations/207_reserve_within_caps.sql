-- The booking caps in one statement (booking/caps.ts): a booking on a busy site made five round trips to the
-- database for them (BEGIN, the locks, the counts, the record, COMMIT), each waiting its turn behind everyone's reads.

-- One customer's counts: their bookings made in the last day by mobile number and by e-mail, and those still to come.
-- SQL and STABLE, so the planner inlines it and reads through the 206 indexes; the query-plan test explains this.
CREATE FUNCTION booking_caps_counts(p_site text, p_cell text, p_email text, p_since timestamptz, p_now timestamptz, p_own text)
RETURNS TABLE (cell_day int, email_day int, open int) LANGUAGE sql STABLE AS $$
  SELECT
    (SELECT count(*) FROM booking_records
      WHERE site_id = p_site AND contact->>'cell' = p_cell AND created_at > p_since AND id <> p_own)::int,
    (SELECT count(*) FROM booking_records
      WHERE site_id = p_site AND lower(contact->>'email') = p_email AND created_at > p_since AND id <> p_own)::int,
    (SELECT count(*) FROM booking_records
      WHERE site_id = p_site AND (contact->>'cell' = p_cell OR lower(contact->>'email') = p_email)
        AND starts_at > p_now AND cancelled_at IS NULL AND id <> p_own)::int
$$;

-- Takes the customer's locks, counts, and writes the booking's record (not booked yet) when no cap is reached: all
-- in the statement's own transaction. Returns the cap reached ('cell_day', 'email_day', 'open'), or null.
CREATE FUNCTION reserve_within_caps(p_site text, p_locks text[], p_id text, p_contact jsonb, p_now timestamptz,
  p_since timestamptz, p_starts_at timestamptz, p_cell_day int, p_email_day int, p_open int)
RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  counted record;
BEGIN
  -- In the order given, so two bookings sharing the number and the e-mail cannot deadlock.
  PERFORM pg_advisory_xact_lock(hashtextextended(l.lock, 0)) FROM unnest(p_locks) WITH ORDINALITY AS l(lock, n) ORDER BY l.n;
  -- Each statement of a VOLATILE function sees what was committed when it began: this one, what the bookings that
  -- held the locks before committed.
  SELECT * INTO counted FROM booking_caps_counts(p_site, p_contact->>'cell', lower(p_contact->>'email'), p_since, p_now, p_id);
  IF counted.cell_day >= p_cell_day THEN RETURN 'cell_day'; END IF;
  IF p_contact->>'email' IS NOT NULL AND counted.email_day >= p_email_day THEN RETURN 'email_day'; END IF;
  IF counted.open >= p_open THEN RETURN 'open'; END IF;
  INSERT INTO booking_records (id, site_id, platform_key, contact, created_at, starts_at)
    VALUES (p_id, p_site, NULL, p_contact, p_now, p_starts_at) ON CONFLICT (id) DO NOTHING;
  RETURN NULL;
END
$$;
