-- The projections' applied positions move to the table every read model shares (libs/consumer,
-- db/eventstore/V0_60: consumer_applied_streams, keyed also by the read model's name). Carried over row
-- by row under read model 'reporting', so the read models and the consumer groups' offsets stay as they
-- are: nothing is replayed. newest_at (the old per-partner watermark) is gone: the watermark now comes
-- from the writing services' heartbeats.
INSERT INTO consumer_applied_streams (read_model, partner_id, aggregate_type, aggregate_id, sequences)
SELECT 'reporting', partner_id, aggregate_type, aggregate_id, sequences FROM applied_streams;

DROP TABLE applied_streams;
