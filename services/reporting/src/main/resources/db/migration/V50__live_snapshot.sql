-- The live snapshot (package live) reads what is happening now and what left the queue in the last minutes; without
-- these it would scan a partner's whole call and chat history on every snapshot. The open ones are a small, moving
-- set (partial indexes stay small as work ends); the service-level window is a range of recent times.
CREATE INDEX calls_open ON calls (partner_id, id) WHERE ended_at IS NULL;
CREATE INDEX chats_open ON chats (partner_id, id) WHERE ended_at IS NULL;
CREATE INDEX calls_queue_answered ON calls (partner_id, connected_at) WHERE queued_at IS NOT NULL;
CREATE INDEX calls_queue_left ON calls (partner_id, ended_at) WHERE queued_at IS NOT NULL AND connected_at IS NULL;
