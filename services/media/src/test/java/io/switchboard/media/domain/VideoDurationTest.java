package io.switchboard.media.domain;

import io.switchboard.media.TestMedia;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class VideoDurationTest {

    /** Reads ranges of {@code file}, counting the bytes asked for. */
    private static VideoDuration.Ranges reader(byte[] file, AtomicLong read) {
        return (offset, length) -> {
            int end = (int) Math.min(file.length, offset + length);
            read.addAndGet(Math.max(0, end - offset));
            return offset >= end ? new byte[0] : Arrays.copyOfRange(file, (int) offset, end);
        };
    }

    private static Integer seconds(byte[] file) {
        return VideoDuration.seconds(file.length, reader(file, new AtomicLong()));
    }

    @Test
    void readsMvhdBeforeOrAfterTheMediaDataWithoutReadingTheMediaData() {
        for (boolean moovFirst : new boolean[] {true, false}) {
            byte[] file = TestMedia.mp4WithDuration(1_000_000, 1000, 12_000, moovFirst);
            AtomicLong read = new AtomicLong();
            assertThat(VideoDuration.seconds(file.length, reader(file, read))).isEqualTo(12);
            assertThat(read.get()).as("bytes read, moov first: " + moovFirst).isLessThan(200);
        }
    }

    @Test
    void roundsUpToWholeSeconds() {
        assertThat(seconds(TestMedia.mp4WithDuration(10, 600, 54_300, true))).isEqualTo(91); // 90.5 s
        assertThat(seconds(TestMedia.mp4WithDuration(10, 1000, 1, true))).isEqualTo(1);
        assertThat(seconds(TestMedia.mp4WithDuration(10, 1000, 0, true))).isZero();
    }

    @Test
    void readsVersionOneAndSixtyFourBitBoxSizes() {
        ByteArrayOutputStream mvhd = new ByteArrayOutputStream();
        mvhd.writeBytes(new byte[] {1, 0, 0, 0});
        mvhd.writeBytes(new byte[16]); // 64-bit creation and modification times
        mvhd.writeBytes(u32(90_000));
        mvhd.writeBytes(u64(90_000L * 3_600)); // an hour
        byte[] moov = box("moov", box("mvhd", mvhd.toByteArray()));
        // an mdat with a 64-bit size (header 16 bytes)
        byte[] mdat = new byte[16 + 64];
        System.arraycopy(u32(1), 0, mdat, 0, 4);
        System.arraycopy("mdat".getBytes(StandardCharsets.ISO_8859_1), 0, mdat, 4, 4);
        System.arraycopy(u64(mdat.length), 0, mdat, 8, 8);
        byte[] file = concat(box("ftyp", "isom\0\0\0\0isom".getBytes(StandardCharsets.ISO_8859_1)), mdat, moov);
        assertThat(seconds(file)).isEqualTo(3_600);
    }

    @Test
    void answersNullWhenTheFileDoesNotSay() {
        assertThat(seconds(TestMedia.mp4(100))).as("no moov").isNull();
        assertThat(seconds(TestMedia.mp4WithDuration(10, 0, 100, true))).as("time scale 0").isNull();
        assertThat(seconds(TestMedia.mp4WithDuration(10, 1000, 0xffffffffL, true))).as("duration unknown").isNull();
        assertThat(seconds(TestMedia.webpLossless(64))).as("not ISO media").isNull();
        byte[] truncated = TestMedia.mp4WithDuration(100, 1000, 5000, false);
        assertThat(seconds(Arrays.copyOf(truncated, truncated.length - 60))).as("moov cut off").isNull();
        byte[] lying = TestMedia.mp4WithDuration(10, 1000, 5000, true);
        lying[3] = 4; // ftyp claims 4 bytes: smaller than its own header
        assertThat(seconds(lying)).isNull();
        assertThat(seconds(new byte[0])).isNull();
    }

    private static byte[] box(String type, byte[] body) {
        return concat(u32(8 + body.length), type.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] u64(long v) {
        return concat(u32(v >>> 32), u32(v));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
