-- Approve / Decline links mailed to a business: random tokens, kept only as their SHA-256, usable once
-- (using one spends every link of that booking) and until expires_at.
CREATE TABLE decision_links (
  token_hash text PRIMARY KEY,
  site_id text NOT NULL,
  booking_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('approve', 'decline')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX decision_links_booking ON decision_links (booking_id);
