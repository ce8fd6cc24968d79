package io.switchboard.media.domain;

import io.switchboard.media.TestMedia;
import io.switchboard.media.TestMedia.Ebml;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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

    @Test
    void aBoxSizeNearTheLongLimitIsRefusedNotWrappedAround() {
        byte[] file = TestMedia.mp4WithDuration(10, 1000, 5000, false);
        // ftyp (24 bytes) is followed by mdat: give it a 64-bit size that overflows offset + size
        byte[] hostile = concat(Arrays.copyOf(file, 24), u32(1), "mdat".getBytes(StandardCharsets.ISO_8859_1),
                u64(Long.MAX_VALUE - 8), Arrays.copyOfRange(file, 32, file.length));
        assertThatCode(() -> assertThat(seconds(hostile)).isNull()).doesNotThrowAnyException();
    }

    // WebM / Matroska

    /** Counts the reads and the bytes asked for and answered, and keeps the ranges read. */
    private static final class Counted implements VideoDuration.Ranges {
        final byte[] file;
        final List<long[]> ranges = new ArrayList<>();
        long bytes;
        int longestAsked;

        Counted(byte[] file) {
            this.file = file;
        }

        @Override
        public byte[] read(long offset, int length) {
            ranges.add(new long[] {offset, offset + length});
            longestAsked = Math.max(longestAsked, length);
            int end = (int) Math.min(file.length, offset + length);
            bytes += Math.max(0, end - offset);
            return offset >= end ? new byte[0] : Arrays.copyOfRange(file, (int) offset, end);
        }

        Integer seconds() {
            return VideoDuration.seconds(file.length, this);
        }
    }

    private static byte[] webm(byte[]... segmentChildren) {
        return concat(Ebml.header("webm"), Ebml.element(Ebml.SEGMENT, 8, segmentChildren));
    }

    private static byte[] info(byte[]... children) {
        return Ebml.element(Ebml.INFO, children);
    }

    private static byte[] cluster(int mediaBytes) {
        byte[] media = new byte[mediaBytes];
        new Random(mediaBytes).nextBytes(media);
        return Ebml.element(Ebml.CLUSTER, 8, Ebml.uint(0xE7, 0), Ebml.element(0xA3, media));
    }

    @Test
    void readsWebmInfoAfterSeekHeadAndVoidWithoutReadingTheMedia() {
        byte[] file = TestMedia.webmWithDuration(100_000, 12_345.0, 1 << 20);
        Counted reader = new Counted(file);
        assertThat(reader.seconds()).isEqualTo(13); // 12.345 s
        assertThat(reader.ranges).as("reads").hasSizeLessThanOrEqualTo(8);
        assertThat(reader.bytes).as("bytes read of " + file.length).isLessThan(300);
        int voidData = indexOf(file, new byte[100_000]);
        for (long[] range : reader.ranges) {
            long inVoid = Math.min(range[1], voidData + 100_000) - Math.max(range[0], voidData);
            assertThat(inVoid).as("bytes read of the Void's data: at most the rest of a header read").isLessThan(12);
            assertThat(range[1]).as("a read within the Cluster").isLessThanOrEqualTo(file.length - (1 << 20));
        }
    }

    @Test
    void readsDurationAsFloat64OrFloat32InTimecodeScaleUnits() {
        // no TimecodeScale: 1 ms; 90.5 s rounds up
        assertThat(seconds(webm(info(Ebml.float64(Ebml.DURATION, 90_500.0))))).isEqualTo(91);
        // 12 s as a float32 in ms is exact: no rounding error makes it 13
        assertThat(seconds(webm(info(Ebml.uint(Ebml.TIMECODE_SCALE, 1_000_000), Ebml.float32(Ebml.DURATION, 12_000f)))))
                .isEqualTo(12);
        // seconds as the unit
        assertThat(seconds(webm(info(Ebml.uint(Ebml.TIMECODE_SCALE, 1_000_000_000), Ebml.float32(Ebml.DURATION, 3_600f)))))
                .isEqualTo(3_600);
        // 15 units of 0.1 ms: 1.5 ms is 1 s rounded up
        assertThat(seconds(webm(info(Ebml.float64(Ebml.DURATION, 15.0), Ebml.uint(Ebml.TIMECODE_SCALE, 100_000)))))
                .isEqualTo(1);
        // an empty TimecodeScale is its default
        assertThat(seconds(webm(info(Ebml.element(Ebml.TIMECODE_SCALE), Ebml.float64(Ebml.DURATION, 2_000.5)))))
                .isEqualTo(3);
        // Matroska is the same container
        assertThat(seconds(concat(Ebml.header("matroska"), Ebml.element(Ebml.SEGMENT, info(Ebml.float64(Ebml.DURATION, 61_000))))))
                .isEqualTo(61);
        // a CRC-32 and Tracks before Info, Void padding between the EBML header and the Segment
        assertThat(seconds(concat(Ebml.header("webm"), Ebml.element(Ebml.VOID, new byte[7]), Ebml.element(Ebml.SEGMENT,
                Ebml.element(0xBF, new byte[4]), Ebml.element(Ebml.TRACKS, Ebml.element(0xAE, Ebml.uint(0xD7, 1))),
                info(Ebml.float64(Ebml.DURATION, 4_000)), cluster(64))))).isEqualTo(4);
    }

    @Test
    void readsASegmentOfUnknownSizeButNoDurationIsNoDuration() {
        // a MediaRecorder file whose Duration a tool added afterwards
        byte[] fixed = concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT,
                info(Ebml.uint(Ebml.TIMECODE_SCALE, 1_000_000), Ebml.float64(Ebml.DURATION, 7_250)), cluster(4096)));
        assertThat(seconds(fixed)).isEqualTo(8);
        // as MediaRecorder writes it: Info without Duration, then Clusters of unknown size
        byte[] recorded = concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT,
                info(Ebml.uint(Ebml.TIMECODE_SCALE, 1_000_000), Ebml.string(0x4D80, "Chrome"), Ebml.string(0x5741, "Chrome")),
                Ebml.element(Ebml.TRACKS, Ebml.element(0xAE, Ebml.uint(0xD7, 1))),
                Ebml.unknownSize(Ebml.CLUSTER, Ebml.uint(0xE7, 0), Ebml.element(0xA3, new byte[4096]))));
        Counted reader = new Counted(recorded);
        assertThat(reader.seconds()).isNull();
        assertThat(reader.bytes).isLessThan(200);
    }

    @Test
    void givesUpAtAClusterOrAnUnknownSizeBeforeInfo() {
        Counted clusterFirst = new Counted(webm(cluster(100_000), info(Ebml.float64(Ebml.DURATION, 5_000))));
        assertThat(clusterFirst.seconds()).isNull();
        assertThat(clusterFirst.bytes).as("the Cluster is not read").isLessThan(200);
        assertThat(seconds(concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT,
                Ebml.unknownSize(Ebml.TRACKS, Ebml.element(0xAE, Ebml.uint(0xD7, 1))), info(Ebml.float64(Ebml.DURATION, 5_000))))))
                .as("Tracks of unknown size before Info").isNull();
        assertThat(seconds(concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT,
                Ebml.unknownSize(Ebml.INFO, Ebml.float64(Ebml.DURATION, 5_000)))))).as("Info of unknown size").isNull();
    }

    @Test
    void answersNullWhenInfoDoesNotSayOrSaysNonsense() {
        assertThat(seconds(webm(info(Ebml.uint(Ebml.TIMECODE_SCALE, 1_000_000))))).as("no Duration").isNull();
        assertThat(seconds(webm(Ebml.element(Ebml.TRACKS, new byte[3])))).as("no Info").isNull();
        assertThat(seconds(concat(Ebml.header("webm")))).as("no Segment").isNull();
        assertThat(seconds(webm(info(Ebml.uint(Ebml.TIMECODE_SCALE, 0), Ebml.float64(Ebml.DURATION, 5))))).as("scale 0").isNull();
        assertThat(seconds(webm(info(Ebml.uint(Ebml.TIMECODE_SCALE, -1L), Ebml.float64(Ebml.DURATION, 5))))).as("scale 2^64-1").isNull();
        for (double duration : new double[] {0, -1_000, Double.NaN, Double.POSITIVE_INFINITY, Double.MAX_VALUE, 1e13}) {
            assertThat(seconds(webm(info(Ebml.float64(Ebml.DURATION, duration))))).as("Duration " + duration).isNull();
        }
        assertThat(seconds(webm(info(Ebml.element(Ebml.DURATION, new byte[3]))))).as("a 3-byte float").isNull();
        assertThat(seconds(webm(info(Ebml.element(Ebml.DURATION))))).as("an empty Duration").isNull();
        assertThat(seconds(webm(info(Ebml.element(Ebml.TIMECODE_SCALE, new byte[9]), Ebml.float64(Ebml.DURATION, 5)))))
                .as("a 9-byte integer").isNull();
        assertThat(seconds(concat(Ebml.header("mkv2"), Ebml.element(Ebml.SEGMENT, info(Ebml.float64(Ebml.DURATION, 5_000))))))
                .as("another DocType").isNull();
        assertThat(seconds(concat(Ebml.element(Ebml.EBML, Ebml.uint(0x4286, 1)), Ebml.element(Ebml.SEGMENT,
                info(Ebml.float64(Ebml.DURATION, 5_000)))))).as("no DocType").isNull();
        // Info too large to be what it claims (a 16 KiB bound on what is read)
        byte[] title = new byte[20_000];
        Arrays.fill(title, (byte) 'a');
        Counted big = new Counted(webm(info(Ebml.element(0x7BA9, title), Ebml.float64(Ebml.DURATION, 5_000))));
        assertThat(big.seconds()).isNull();
        assertThat(big.bytes).isLessThan(200);
    }

    @Test
    void hostileSizesAndCutsGiveNullAfterFewSmallReads() {
        byte[] info = info(Ebml.float64(Ebml.DURATION, 5_000));
        // the Segment claims more than the file has
        assertThat(seconds(concat(Ebml.header("webm"), Ebml.id(Ebml.SEGMENT), Ebml.size(1L << 40, 8), info))).isNull();
        // a child claims nearly 2^56 bytes
        assertThat(seconds(concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT,
                Ebml.id(Ebml.VOID), Ebml.size((1L << 56) - 2, 8), info)))).isNull();
        // a size of more than 8 bytes (first byte 0) and an ID of 5 bytes
        assertThat(seconds(concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT, new byte[] {(byte) 0xEC, 0, 1}, info)))).isNull();
        assertThat(seconds(concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT, new byte[] {0x08, 1, 1, 1, 1, (byte) 0x80}, info))))
                .isNull();
        // the EBML header claims 1 GiB
        assertThat(seconds(concat(Ebml.id(Ebml.EBML), Ebml.size(1L << 30, 8), new byte[64]))).isNull();

        // cut anywhere: a known-size Segment is then longer than the file; an unknown-size one lacks Info until it is whole
        byte[] known = webm(Ebml.element(Ebml.VOID, new byte[10]), info);
        byte[] unknown = concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT, Ebml.element(Ebml.VOID, new byte[10]), info));
        for (int cut = 0; cut < known.length; cut++) {
            assertThat(seconds(Arrays.copyOf(known, cut))).as("known size, cut at " + cut).isNull();
        }
        for (int cut = 0; cut < unknown.length; cut++) {
            assertThat(seconds(Arrays.copyOf(unknown, cut))).as("unknown size, cut at " + cut).isNull();
        }
        assertThat(seconds(known)).isEqualTo(5);
        assertThat(seconds(unknown)).isEqualTo(5);
    }

    @Test
    void manyElementsBeforeInfoStopTheWalkAtItsReadBudget() {
        byte[][] voids = new byte[10_000][];
        Arrays.fill(voids, Ebml.element(Ebml.VOID));
        byte[][] children = Arrays.copyOf(voids, voids.length + 1);
        children[voids.length] = info(Ebml.float64(Ebml.DURATION, 5_000));
        Counted reader = new Counted(concat(Ebml.header("webm"), Ebml.unknownSize(Ebml.SEGMENT, children)));
        assertThat(reader.seconds()).isNull();
        assertThat(reader.ranges).hasSizeLessThanOrEqualTo(65);
        // a few Voids before the Segment count against the same budget
        byte[][] padded = Arrays.copyOf(voids, voids.length + 1);
        padded[voids.length] = Ebml.element(Ebml.SEGMENT, children[voids.length]);
        Counted before = new Counted(concat(Ebml.header("webm"), concat(padded)));
        assertThat(before.seconds()).isNull();
        assertThat(before.ranges).hasSizeLessThanOrEqualTo(65);
    }

    @Test
    void aReaderThatAnswersNothingOrLittleGivesNull() {
        byte[] file = webm(info(Ebml.float64(Ebml.DURATION, 5_000)));
        AtomicLong calls = new AtomicLong();
        assertThat(VideoDuration.seconds(file.length, (offset, length) -> {
            calls.incrementAndGet();
            return new byte[0];
        })).isNull();
        assertThat(VideoDuration.seconds(file.length, (offset, length) -> {
            calls.incrementAndGet();
            return offset < file.length ? new byte[] {file[(int) offset]} : new byte[0];
        })).isNull();
        assertThat(calls.get()).isLessThan(10);
    }

    @Test
    void randomlyDamagedFilesNeverThrowNorReadMuch() {
        byte[] webm = concat(Ebml.header("webm"), Ebml.element(Ebml.SEGMENT,
                Ebml.element(Ebml.SEEK_HEAD, Ebml.element(0x4DBB, Ebml.uint(0x53AB, Ebml.INFO), Ebml.uint(0x53AC, 42))),
                Ebml.element(Ebml.VOID, new byte[20]), info(Ebml.uint(Ebml.TIMECODE_SCALE, 1_000_000),
                        Ebml.float64(Ebml.DURATION, 5_000)), cluster(256)));
        byte[] mp4 = TestMedia.mp4WithDuration(256, 1000, 5000, true);
        for (byte[] valid : List.of(webm, mp4)) {
            long seed = new Random().nextLong();
            Random random = new Random(seed);
            for (int n = 0; n < 5_000; n++) {
                byte[] damaged = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    // bytes inside the first 120 (the headers), often set to 0x01/0xFF to make sizes large or unknown
                    int at = random.nextInt(Math.min(120, damaged.length));
                    int kind = random.nextInt(3);
                    damaged[at] = kind == 0 ? (byte) random.nextInt(256) : kind == 1 ? (byte) 0xFF : (byte) 0x01;
                }
                if (random.nextInt(4) == 0) {
                    damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
                }
                Counted reader = new Counted(damaged);
                String as = "seed " + seed + ", case " + n;
                assertThatCode(reader::seconds).as(as).doesNotThrowAnyException();
                assertThat(reader.ranges).as(as).hasSizeLessThanOrEqualTo(66);
                assertThat(reader.longestAsked).as(as).isLessThanOrEqualTo(16 * 1024);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
