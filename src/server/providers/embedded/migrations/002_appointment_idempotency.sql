-- The Idempotency-Key a booking was made with: a retry after a crash finds the booking instead of making a second.
ALTER TABLE appointments ADD COLUMN idempotency_key text;

CREATE UNIQUE INDEX appointments_idempotency ON appointments (site_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
