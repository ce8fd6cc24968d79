-- Every read-model table compares partner ids in the C collation (V3): V41 and V42 forgot to. A join of calls
-- (C) to call_measures (default collation) compared in C and so could not use call_measures' primary key: the
-- stale-measures anti-join of every analytics query scanned the whole table, and the live snapshot's
-- service-level join took 797 ms on 210,000 calls instead of a few. Same collation, same index, one rule.
ALTER TABLE call_measures ALTER COLUMN partner_id TYPE text COLLATE "C";
ALTER TABLE ivr_interactions ALTER COLUMN partner_id TYPE text COLLATE "C";
ALTER TABLE ivr_caller_attributes ALTER COLUMN partner_id TYPE text COLLATE "C";
