-- The backend's own state: answers to Idempotency-Keys, and our public booking ids.
CREATE TABLE idempotency_keys (
  site_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  -- null while the first request with this key is still running
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, key)
);

CREATE TABLE booking_records (
  id text PRIMARY KEY,
  site_id text NOT NULL,
  platform_key jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
