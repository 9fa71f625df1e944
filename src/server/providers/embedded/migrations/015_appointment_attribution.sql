-- Where the visitor came from (the host page's utm_* / gclid / fbclid), as the widget sent it.
ALTER TABLE appointments ADD COLUMN IF NOT EXISTS attribution jsonb;
