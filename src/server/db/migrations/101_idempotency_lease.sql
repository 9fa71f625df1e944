-- A claim is alive while its lease is renewed; a lapsed lease means the attempt was cut off (a crash, a restart),
-- so a retry takes it over at once instead of after a fixed five minutes. created_at stays the key's first use.
ALTER TABLE idempotency_keys ADD COLUMN lease_until timestamptz;

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
