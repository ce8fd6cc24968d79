package io.switchboard.chat.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.events.chat.ChatEvents.TranscriptEntry;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.List;

/**
 * The transcript handed over at creation. The vendor types {@code transcript} only as "object"
 * (docs/api/chat.md#create-a-chat): it is accepted as {@code {"messages": [...]}} or as the bare array of
 * {@code {sender_type, text, sent_at}}.
 */
final class Transcripts {
    private static final TypeReference<List<TranscriptEntry>> ENTRIES = new TypeReference<>() {
    };

    private Transcripts() {
    }

    static List<TranscriptEntry> parse(JsonNode transcript, ObjectMapper mapper) {
        if (transcript == null || transcript.isNull()) {
            return List.of();
        }
        JsonNode messages = transcript.isObject() ? transcript.get("messages") : transcript;
        if (messages == null || !messages.isArray()) {
            throw new InvalidCommandException("chat.transcript",
                    "transcript must be {\"messages\": [{sender_type, text, sent_at}]} or that array");
        }
        try {
            return mapper.convertValue(messages, ENTRIES);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException("chat.transcript.messages",
                    "each transcript message is {sender_type, text, sent_at (ISO-8601)}");
        }
    }
}
