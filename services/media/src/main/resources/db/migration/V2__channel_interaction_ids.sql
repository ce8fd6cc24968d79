-- A call's interaction unique id (CallCreated), so photos of the call carry it (PhotoAttached.interactionUniqueId).
-- Rows learnt before this column read null until the read model is rebuilt (it is rebuildable: channel_owners).
-- No length check here: the interaction service bounds it, and a check would stop this consumer on a row it must apply.
ALTER TABLE channel_owners ADD COLUMN interaction_unique_id text;
