package io.switchboard.media.domain;

import io.switchboard.objectstore.PartnerKeys;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Object keys: {@code <partner>/<channel>/<id>/<photos|videos>/<uuid>}. The prefix binds an upload to
 * one partner's chat or call; the random last segment is the one upload form's. The partner's segment is
 * {@link PartnerKeys#segment}.
 */
public final class ObjectKeys {
    private static final Pattern UPLOAD = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ObjectKeys() {
    }

    /** The prefix every key of this partner's chat or call, of this kind, starts with (ends in {@code /}). */
    public static String prefix(String partnerId, Channel channel, long channelId, MediaKind kind) {
        if (channelId <= 0) {
            throw new IllegalArgumentException("channel id must be positive");
        }
        return PartnerKeys.segment(partnerId) + "/" + channel.wire() + "/" + channelId + "/" + kind.plural() + "/";
    }

    /** A new key under that prefix. */
    public static String newKey(String partnerId, Channel channel, long channelId, MediaKind kind, UUID upload) {
        return prefix(partnerId, channel, channelId, kind) + upload;
    }

    /**
     * Whether {@code key} is one this service could have issued for this chat or call and kind: the exact
     * prefix, then one upload id and nothing else (no traversal, no other chat's prefix, no sub-folders).
     */
    public static boolean belongsTo(String key, String partnerId, Channel channel, long channelId, MediaKind kind) {
        if (key == null) {
            return false;
        }
        String prefix = prefix(partnerId, channel, channelId, kind);
        return key.startsWith(prefix) && UPLOAD.matcher(key.substring(prefix.length())).matches();
    }
}
