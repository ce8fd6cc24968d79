package io.switchboard.media.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.media.api.MediaViews.MediaView;
import io.switchboard.media.api.MediaViews.UploadFormView;
import io.switchboard.media.domain.AttachRules;
import io.switchboard.media.domain.Channel;
import io.switchboard.media.domain.MediaKind;
import io.switchboard.media.domain.MediaLimits;
import io.switchboard.media.domain.ObjectKeys;
import io.switchboard.media.store.ChannelOwners;
import io.switchboard.media.store.MediaSettings;
import io.switchboard.media.store.MediaStore;
import io.switchboard.media.store.MediaStore.Attach;
import io.switchboard.media.store.MediaObjects;
import io.switchboard.objectstore.ObjectStore;
import io.switchboard.web.CallerIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the chat and call media endpoints do, once for both: every call first requires the chat or call to be
 * the caller's partner's (404 otherwise, nothing signed, nothing written).
 */
@ApplicationScoped
public class MediaEndpoints {
    private final ChannelOwners owners;
    private final MediaStore media;
    private final ObjectStore objects;
    private final MediaObjects uploaded;
    private final MediaLimits limits;
    private final Clock clock;

    public MediaEndpoints(ChannelOwners owners, MediaStore media, ObjectStore objects, MediaObjects uploaded,
                          MediaSettings settings, Clock clock) {
        this.owners = owners;
        this.media = media;
        this.objects = objects;
        this.uploaded = uploaded;
        this.limits = settings.limits();
        this.clock = clock;
    }

    /** A target: the partner's chat or call, and photos or videos. */
    public record Target(String partnerId, Channel channel, long channelId, MediaKind kind) {
    }

    /** A reference from an attach body: the field that names it, the key, and the photo type (null for videos). */
    public record Ref(String field, String s3Path, String photoType) {
    }

    public Uni<UploadFormView> upload(Target target, MediaRequests.Upload request) {
        String requested = request == null ? null : request.contentType();
        String contentType = requested == null ? target.kind().defaultContentType() : target.kind().contentType(requested);
        if (contentType == null) {
            throw new InvalidCommandException("content_type", "content_type must be one of " + target.kind().contentTypes());
        }
        return owners.requireOwned(target.partnerId(), target.channel(), target.channelId()).map(owned -> {
            String key = ObjectKeys.newKey(target.partnerId(), target.channel(), target.channelId(), target.kind(),
                    UUID.randomUUID());
            ObjectStore.UploadForm form = objects.uploadForm(key, contentType, MediaLimits.MIN_BYTES,
                    limits.maxBytes(target.kind()), limits.uploadExpiry());
            return new UploadFormView(form.url(), form.fields());
        });
    }

    /**
     * Checks every object (its key is an upload of this chat or call and kind; it exists; size, type and bytes
     * pass {@link AttachRules}), then attaches them all in one transaction; any refusal is 400 naming the
     * object's field, nothing written. Answers the first item (the vendor's response has one).
     */
    public Uni<MediaView> attach(Target target, List<Ref> refs, CallerIdentity caller, SecurityIdentity identity) {
        return owners.requireOwned(target.partnerId(), target.channel(), target.channelId())
                .flatMap(owned -> checkAll(target, refs)
                        .flatMap(checked -> media.attach(target.partnerId(), target.channel(), target.channelId(),
                                owned.interactionUniqueId(), target.kind(), checked, actor(caller, identity), clock.instant())))
                .map(items -> new MediaView(objects.downloadUrl(items.get(0).objectKey(), limits.downloadExpiry()),
                        items.get(0).mediaId()));
    }

    public Uni<List<MediaView>> list(Target target) {
        return owners.requireOwned(target.partnerId(), target.channel(), target.channelId())
                .flatMap(owned -> media.list(target.partnerId(), target.channel(), target.channelId(), target.kind()))
                .map(items -> items.stream()
                        .map(item -> new MediaView(objects.downloadUrl(item.objectKey(), limits.downloadExpiry()), item.mediaId()))
                        .toList());
    }

    /** A fresh download URL of the partner's photo or video (404 for another partner's, or an unknown id). */
    public Uni<String> download(String partnerId, MediaKind kind, long mediaId) {
        return media.find(partnerId, kind, mediaId).map(item -> objects.downloadUrl(item
                .orElseThrow(() -> new AggregateNotFoundException(kind.singular(), Long.toString(mediaId))).objectKey(),
                limits.downloadExpiry()));
    }

    private Uni<List<Attach>> checkAll(Target target, List<Ref> refs) {
        for (Ref ref : refs) {
            if (!ObjectKeys.belongsTo(ref.s3Path(), target.partnerId(), target.channel(), target.channelId(), target.kind())) {
                throw new InvalidCommandException(ref.field(), "not an upload key of this " + target.channel().wire()
                        + "'s " + target.kind().plural() + " (use fields.key of POST …/" + target.kind().plural() + "/upload)");
            }
        }
        Uni<List<Attach>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Ref ref : refs) {
            chain = chain.flatMap(done -> uploaded.inspect(ref.s3Path()).flatMap(found -> {
                var object = found.orElseThrow(() -> new InvalidCommandException(ref.field(),
                        "no object at this key: not uploaded, or the store refused the upload"));
                AttachRules.refusal(target.kind(), limits, object).ifPresent(reason -> {
                    throw new InvalidCommandException(ref.field(), reason);
                });
                Uni<Integer> seconds = target.kind() == MediaKind.VIDEO ? uploaded.videoSeconds(object) : Uni.createFrom().nullItem();
                return seconds.map(duration -> {
                    done.add(new Attach(ref.s3Path(), ref.photoType(), target.kind().contentType(object.contentType()),
                            object.sizeBytes(), duration));
                    return done;
                });
            }));
        }
        return chain;
    }

    /** The caller, as recorded beside the event: its agent if it has one, else its principal (an API credential, a client). */
    private static String actor(CallerIdentity caller, SecurityIdentity identity) {
        Long agent = caller.agentId();
        return agent != null ? "agent:" + agent : "principal:" + identity.getPrincipal().getName();
    }
}
