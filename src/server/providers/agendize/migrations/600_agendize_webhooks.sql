-- Agendize may send one watch notification more than once: each (appointment, event, sent at) is handled once.
-- Only ids and the event are kept, never the customer's details.
CREATE TABLE IF NOT EXISTS agendize_webhook_events (
  site_id text NOT NULL,
  appointment_id text NOT NULL,
  event text NOT NULL,
  sent_at text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, appointment_id, event, sent_at)
);
