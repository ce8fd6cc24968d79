-- The Platform Data API's conversation lifecycle (dataapi.conversations.Lifecycle), for chats: when a chat first
-- waited for an agent (created queued, or a status change to queued) and the channel it was deflected to (a
-- deflection channel recorded on the open chat, a deflected escalation, or the chat finished "deflected to <channel>").
-- Both are facts of the chats projection; rows projected before this migration are filled from what is already
-- stored (the status columns, changed_details and finish_reason), so no rebuild is needed.
ALTER TABLE chats ADD COLUMN queued_at timestamptz, ADD COLUMN deflection_channel text;

UPDATE chats c SET queued_at = LEAST(
        CASE WHEN c.created_status = 'queued' THEN c.created_at END,
        CASE WHEN c.status = 'queued' THEN c.status_changed_at END,
        (SELECT min(d.changed_at) FROM changed_details d WHERE d.partner_id = c.partner_id AND d.entity_type = 'chat'
            AND d.entity_id = c.id AND d.field = 'status' AND d.new_value = 'queued'))
 WHERE c.created_status = 'queued' OR c.status = 'queued' OR EXISTS (SELECT 1 FROM changed_details d
        WHERE d.partner_id = c.partner_id AND d.entity_type = 'chat' AND d.entity_id = c.id AND d.field = 'status'
          AND d.new_value = 'queued');

UPDATE chats SET deflection_channel = substring(finish_reason FROM 14) WHERE finish_reason LIKE 'deflected to %';
