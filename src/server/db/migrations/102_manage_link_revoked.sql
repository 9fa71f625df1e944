-- A manage link the customer switched off: every call with it is refused from then on, before its appointment ends.
ALTER TABLE booking_records ADD COLUMN manage_revoked_at timestamptz;
