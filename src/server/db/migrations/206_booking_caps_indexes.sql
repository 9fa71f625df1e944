-- The booking caps count one customer's records (booking/caps.ts): by mobile number and by e-mail address, so a
-- booking reads that customer's few rows instead of every record the site ever had.
CREATE INDEX booking_records_site_cell ON booking_records (site_id, (contact->>'cell'));
CREATE INDEX booking_records_site_email ON booking_records (site_id, lower(contact->>'email'));
