-- Finds queued chats whose timeout_at has passed. Envelope instants are fixed-width UTC ISO-8601
-- strings, so their text order is their time order and a plain text index serves the range scan.
CREATE INDEX event_store_chat_timeout ON event_store ((payload -> 'data' ->> 'timeoutAt'))
    WHERE event_type = 'ChatCreated';
