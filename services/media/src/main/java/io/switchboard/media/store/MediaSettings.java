package io.switchboard.media.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.switchboard.media.domain.MediaLimits;

import java.time.Duration;

/** Size ranges and lifetimes of uploads and downloads (README, "Limits"). */
@ConfigMapping(prefix = "switchboard.media")
public interface MediaSettings {
    /** 20 MiB: a full-resolution phone photo (HEIC or JPEG) is a few MiB. */
    @WithDefault("20971520")
    long photoMaxBytes();

    /** 200 MiB: a couple of minutes of phone video. */
    @WithDefault("209715200")
    long videoMaxBytes();

    /** How long an upload form can be used: long enough to pick a file and upload it on a slow network. */
    @WithDefault("PT15M")
    Duration uploadExpiry();

    /** How long a returned download URL works. */
    @WithDefault("PT15M")
    Duration downloadExpiry();

    /** The Kafka consumer group of the owners read model (messaging.OwnersConsumer). */
    @WithDefault("switchboard-media")
    String consumerGroup();

    default MediaLimits limits() {
        return new MediaLimits(photoMaxBytes(), videoMaxBytes(), uploadExpiry(), downloadExpiry());
    }
}
