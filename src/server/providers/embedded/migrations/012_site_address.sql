-- Where the business is, shown to the customer after booking and in the manage view (a branch's own address wins).
ALTER TABLE sites ADD COLUMN IF NOT EXISTS address text;
