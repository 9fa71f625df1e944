-- Availability reads what is asked, not the history (test/server/engine-query-plans.test.ts holds this):
-- busy times ask `to_at > start AND from_at < end` per staff member; led by to_at, the index skips every
-- appointment that ended before the asked range instead of every one that started before its end.
CREATE INDEX appointments_staff_to ON appointments (staff_id, to_at);

-- A lozamin (a hold on staff time) blocks slots; few appointments are one, so a small partial index finds them.
CREATE INDEX appointments_lozamin ON appointments (staff_id, to_at) WHERE lozamin;
