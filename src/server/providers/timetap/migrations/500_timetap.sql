-- TimeTap: the client record made for a customer (so a retry or their next booking reuses it, never a second
-- one), and the customer's "are you coming?" answer (TimeTap keeps only a yes, as clientConfirmed).
-- A customer is named by a hash of their details, never by the details themselves.
CREATE TABLE IF NOT EXISTS timetap_clients (
  site_id text NOT NULL,
  customer_hash text NOT NULL,
  client_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, customer_hash)
);

CREATE TABLE IF NOT EXISTS timetap_attendance (
  site_id text NOT NULL,
  calendar_id text NOT NULL,
  answer text NOT NULL CHECK (answer IN ('yes', 'no')),
  answered_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, calendar_id)
);
