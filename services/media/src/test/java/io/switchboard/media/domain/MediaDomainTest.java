package io.switchboard.media.domain;

import io.switchboard.media.TestMedia;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Object keys, content sniffing and the attach rules, without a store. */
class MediaDomainTest {
    private static final MediaLimits LIMITS = new MediaLimits(100_000, 1_000_000, Duration.ofMinutes(15), Duration.ofMinutes(15));
    private static final UUID UPLOAD = UUID.fromString("0b7c3c1e-8a0f-4d7e-9a55-2f1d1e6b9c01");

    @Test
    void keysBindPartnerChannelIdAndKind() {
        String key = ObjectKeys.newKey("acme", Channel.CHAT, 42, MediaKind.PHOTO, UPLOAD);
        assertThat(key).isEqualTo("acme/chat/42/photos/" + UPLOAD);
        assertThat(ObjectKeys.belongsTo(key, "acme", Channel.CHAT, 42, MediaKind.PHOTO)).isTrue();
        assertThat(ObjectKeys.belongsTo(key, "acme", Channel.CHAT, 4, MediaKind.PHOTO)).isFalse();
        assertThat(ObjectKeys.belongsTo(key, "acme", Channel.CHAT, 420, MediaKind.PHOTO)).isFalse();
        assertThat(ObjectKeys.belongsTo(key, "acme", Channel.CALL, 42, MediaKind.PHOTO)).isFalse();
        assertThat(ObjectKeys.belongsTo(key, "acme", Channel.CHAT, 42, MediaKind.VIDEO)).isFalse();
        assertThat(ObjectKeys.belongsTo(key, "globex", Channel.CHAT, 42, MediaKind.PHOTO)).isFalse();
    }

    @Test
    void keysRefuseTraversalAndSubFolders() {
        String prefix = ObjectKeys.prefix("acme", Channel.CHAT, 42, MediaKind.PHOTO);
        for (String key : new String[] {prefix + "../43/photos/" + UPLOAD, prefix + UPLOAD + "/x", prefix + "x/" + UPLOAD,
                prefix, prefix + UPLOAD.toString().toUpperCase(), "/" + prefix + UPLOAD, null, ""}) {
            assertThat(ObjectKeys.belongsTo(key, "acme", Channel.CHAT, 42, MediaKind.PHOTO)).as(key).isFalse();
        }
    }

    @Test
    void aPartnerIdThatIsNotAPlainNameCannotSpellAPath() {
        String key = ObjectKeys.newKey("../acme/chat/1", Channel.CHAT, 1, MediaKind.PHOTO, UPLOAD);
        assertThat(key).startsWith("x-").doesNotContain("..").hasSize(key.length());
        assertThat(key.split("/")).hasSize(5);
        assertThat(ObjectKeys.prefix("Acme", Channel.CHAT, 1, MediaKind.PHOTO))
                .isNotEqualTo(ObjectKeys.prefix("acme", Channel.CHAT, 1, MediaKind.PHOTO));
        assertThatThrownBy(() -> ObjectKeys.prefix("acme", Channel.CHAT, 0, MediaKind.PHOTO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realImagesAreRecognised() {
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, TestMedia.png(3, 2))).isEqualTo("image/png");
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, TestMedia.jpeg(3, 2))).isEqualTo("image/jpeg");
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, TestMedia.webpLossless(32))).isEqualTo("image/webp");
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, TestMedia.heic(64))).isEqualTo("image/heic");
    }

    @Test
    void aFileThatOnlyStartsLikeAnImageIsNotOne() {
        byte[] png = TestMedia.png(3, 2);
        byte[] pngWithoutHeader = Arrays.copyOf(png, 12);
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, pngWithoutHeader)).isNull();
        byte[] zeroWidth = png.clone();
        zeroWidth[16] = zeroWidth[17] = zeroWidth[18] = zeroWidth[19] = 0;
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, zeroWidth)).isNull();
        byte[] jpegMagicOnly = new byte[64];
        jpegMagicOnly[0] = (byte) 0xff;
        jpegMagicOnly[1] = (byte) 0xd8;
        jpegMagicOnly[2] = (byte) 0xff;
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, jpegMagicOnly)).isNull();
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, TestMedia.mp4(32))).isNull();
        assertThat(MediaSniffer.sniff(MediaKind.PHOTO, new byte[0])).isNull();
    }

    @Test
    void videosAreRecognisedByTheirContainer() {
        assertThat(MediaSniffer.sniff(MediaKind.VIDEO, TestMedia.mp4(32))).isEqualTo("video/mp4");
        assertThat(MediaSniffer.sniff(MediaKind.VIDEO, TestMedia.quicktime(32))).isEqualTo("video/quicktime");
        byte[] webm = new byte[48];
        System.arraycopy(new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3}, 0, webm, 0, 4);
        System.arraycopy("\u0042\u0082\u0084webm".getBytes(StandardCharsets.ISO_8859_1), 0, webm, 8, 7);
        assertThat(MediaSniffer.sniff(MediaKind.VIDEO, webm)).isEqualTo("video/webm");
        assertThat(MediaSniffer.sniff(MediaKind.VIDEO, TestMedia.heic(32))).isNull();
        assertThat(MediaSniffer.sniff(MediaKind.VIDEO, TestMedia.png(2, 2))).isNull();
    }

    @Test
    void attachRulesCheckSizeTypeAndBytes() {
        byte[] png = TestMedia.png(4, 4);
        assertThat(AttachRules.refusal(MediaKind.PHOTO, LIMITS, new UploadedObject("k", png.length, "image/png", png))).isEmpty();
        assertThat(AttachRules.refusal(MediaKind.PHOTO, LIMITS, new UploadedObject("k", 100_001, "image/png", png)))
                .get().asString().contains("100001 bytes").contains("1 to 100000");
        assertThat(AttachRules.refusal(MediaKind.PHOTO, LIMITS, new UploadedObject("k", 0, "image/png", new byte[0])))
                .get().asString().contains("0 bytes");
        assertThat(AttachRules.refusal(MediaKind.PHOTO, LIMITS, new UploadedObject("k", png.length, "text/html", png)))
                .get().asString().contains("\"text/html\"");
        assertThat(AttachRules.refusal(MediaKind.PHOTO, LIMITS, new UploadedObject("k", png.length, "image/jpeg", png)))
                .get().asString().contains("uploaded as image/jpeg but its bytes are image/png");
        byte[] text = "not an image at all, just some words".getBytes(StandardCharsets.UTF_8);
        assertThat(AttachRules.refusal(MediaKind.PHOTO, LIMITS, new UploadedObject("k", text.length, "image/png", text)))
                .get().asString().contains("not a photo");
        byte[] mp4 = TestMedia.mp4(100);
        assertThat(AttachRules.refusal(MediaKind.VIDEO, LIMITS, new UploadedObject("k", mp4.length, "video/mp4", mp4))).isEmpty();
        assertThat(AttachRules.refusal(MediaKind.VIDEO, LIMITS, new UploadedObject("k", 1_000_001, "video/mp4", mp4))).isPresent();
    }

    @Test
    void contentTypesIgnoreCaseAndParameters() {
        assertThat(MediaKind.PHOTO.contentType("Image/JPEG; charset=binary")).isEqualTo("image/jpeg");
        assertThat(MediaKind.PHOTO.contentType("image/gif")).isNull();
        assertThat(MediaKind.VIDEO.contentType("image/png")).isNull();
        assertThat(MediaKind.PHOTO.defaultContentType()).isEqualTo("image/jpeg");
        assertThat(MediaKind.VIDEO.defaultContentType()).isEqualTo("video/mp4");
    }

    @Test
    void limitsRefuseNonsense() {
        assertThatThrownBy(() -> new MediaLimits(0, 1, Duration.ofMinutes(1), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaLimits(1, 1, Duration.ZERO, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaLimits(1, 1, Duration.ofMinutes(1), Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);
    }
}
