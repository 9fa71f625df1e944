-- Tor4You retries a webhook until it gets a 200 (after 2, 4, 8, 60 ... minutes): each notification
-- id is handled once. Only ids and the action are kept, never the customer's details.
CREATE TABLE IF NOT EXISTS tor4you_webhook_events (
  site_id text NOT NULL,
  notification_id text NOT NULL,
  action text NOT NULL,
  appointment_id text,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, notification_id)
);
