package io.switchboard.reporting.dataapi.conversations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation's id: the channel and the channel's own id ({@code call-501}, {@code chat-701}), because calls
 * and chats are numbered independently. Anything else is not a conversation id.
 */
public record ConversationId(String channel, long id) {
    public static final String CALL = "call";
    public static final String CHAT = "chat";
    private static final Pattern FORM = Pattern.compile("(call|chat)-([1-9][0-9]{0,17})");

    /** The id, or null when the text is not one (too long, another form, out of range). */
    public static ConversationId parse(String text) {
        if (text == null || text.length() > 23) {
            return null;
        }
        Matcher m = FORM.matcher(text);
        return m.matches() ? new ConversationId(m.group(1), Long.parseLong(m.group(2))) : null;
    }

    @Override
    public String toString() {
        return channel + "-" + id;
    }
}
