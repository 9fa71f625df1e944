-- The details a booking was made with. Messages about a booking go where that booking said, so a later booking
-- under the same first name and mobile number cannot redirect them, and the customers row is never overwritten.
ALTER TABLE appointments ADD COLUMN last_name text;
ALTER TABLE appointments ADD COLUMN email text;
ALTER TABLE appointments ADD COLUMN id_number text;

UPDATE appointments SET last_name = c.last_name, email = c.email, id_number = c.id_number
  FROM customers c WHERE c.id = appointments.customer_id;
