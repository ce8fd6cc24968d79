-- The directory read model and the routing decisions record what they applied in the table every read
-- model shares (libs/consumer, db/eventstore/V0_60: consumer_applied_streams, read model 'chat').
-- applied_interaction_events held event ids without stream positions, so it cannot be carried over; it
-- is not needed either: the consumer group keeps its committed offsets, so only the events after the
-- last commit are delivered again once, and both effects are idempotent by themselves (directory rows are
-- upserted column by column, a routing decision is applied once per routing version by the chat).
DROP TABLE applied_interaction_events;
