package io.switchboard.media.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * A WebM (Matroska) video's duration from its {@code Segment/Info} element: {@code Duration}, a float in
 * {@code TimecodeScale} units (nanoseconds each, 1 ms unless it says otherwise). Muxers and browsers write
 * {@code Info} before the first {@code Cluster}, after a few small elements ({@code SeekHead}, {@code Void}
 * padding); those are skipped by their headers, so what is read is element headers, the EBML header and
 * {@code Info} — never the media. Browsers' MediaRecorder streams its file as it records, so it writes no
 * {@code Duration} (and a Segment of unknown size): the duration is then absent.
 *
 * <p>Every size in the file is checked against its parent before it is used, every read is bounded, and
 * the walk gives up after {@link #MAX_READS} reads, so hostile input yields null after a few small reads.
 */
final class MatroskaDuration {
    private static final long EBML = 0x1A45DFA3L;
    private static final long DOC_TYPE = 0x4282L;
    private static final long SEGMENT = 0x18538067L;
    private static final long INFO = 0x1549A966L;
    private static final long TIMECODE_SCALE = 0x2AD7B1L;
    private static final long DURATION = 0x4489L;
    private static final long CLUSTER = 0x1F43B675L;
    private static final long VOID = 0xECL;

    /** Reads before giving up: a well-formed file needs well under ten. */
    private static final int MAX_READS = 64;
    /** An EBML header is some 40 bytes. */
    private static final int MAX_EBML_HEADER_BYTES = 1024;
    /** {@code Info} is some hundred bytes (a title, the muxer's and writer's names, a UID, a date). */
    private static final int MAX_INFO_BYTES = 16 * 1024;
    /** The longest element header EBML allows by default: a 4-byte ID and an 8-byte size. */
    private static final int MAX_ELEMENT_HEADER = 12;
    private static final long DEFAULT_TIMECODE_SCALE = 1_000_000L;
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    /** The size of an element whose writer did not know it (all size bits 1): it runs to its parent's end. */
    private static final long UNKNOWN = -1;

    private MatroskaDuration() {
    }

    /** Whether the bytes start with the EBML magic (an EBML header's ID), as WebM and Matroska files do. */
    static boolean isEbml(byte[] head) {
        return head != null && head.length >= 4 && (head[0] & 0xff) == 0x1A && (head[1] & 0xff) == 0x45
                && (head[2] & 0xff) == 0xDF && (head[3] & 0xff) == 0xA3;
    }

    /** The duration in seconds (rounded up), or null if the file is not WebM/Matroska or does not say. */
    static Integer seconds(long size, VideoDuration.Ranges ranges) {
        Reader file = new Reader(ranges);
        Element ebml = file.element(0, size);
        if (ebml == null || ebml.id != EBML || ebml.size == UNKNOWN || ebml.size > MAX_EBML_HEADER_BYTES) {
            return null;
        }
        byte[] header = file.data(ebml);
        if (header == null || !knownDocType(header)) {
            return null;
        }
        long offset = ebml.end();
        Element segment = file.element(offset, size);
        // Void padding may sit between the header and the Segment.
        while (segment != null && segment.id == VOID && segment.size != UNKNOWN) {
            segment = file.element(segment.end(), size);
        }
        if (segment == null || segment.id != SEGMENT) {
            return null;
        }
        long end = segment.size == UNKNOWN ? size : segment.end();
        offset = segment.dataStart;
        // Every element has at least a two-byte header, so the offset grows; the read budget bounds the rest.
        while (offset < end) {
            Element child = file.element(offset, end);
            if (child == null || child.size == UNKNOWN || child.id == CLUSTER) {
                // an element of unknown size can only be skipped by parsing it; a Cluster is the media itself
                return null;
            }
            if (child.id == INFO) {
                return child.size > MAX_INFO_BYTES ? null : fromInfo(file.data(child));
            }
            offset = child.end();
        }
        return null;
    }

    private static boolean knownDocType(byte[] header) {
        for (int at = 0; at < header.length; ) {
            Element child = parse(header, at, 0, header.length);
            if (child == null || child.size == UNKNOWN) {
                return false;
            }
            if (child.id == DOC_TYPE) {
                String docType = new String(header, (int) child.dataStart, (int) child.size, StandardCharsets.ISO_8859_1);
                // EBML strings may be padded with NULs
                int nul = docType.indexOf('\0');
                docType = nul < 0 ? docType : docType.substring(0, nul);
                return docType.equals("webm") || docType.equals("matroska");
            }
            at = (int) child.end();
        }
        return false;
    }

    private static Integer fromInfo(byte[] info) {
        if (info == null) {
            return null;
        }
        long scale = DEFAULT_TIMECODE_SCALE;
        Double duration = null;
        for (int at = 0; at < info.length; ) {
            Element child = parse(info, at, 0, info.length);
            if (child == null || child.size == UNKNOWN) {
                return null;
            }
            int from = (int) child.dataStart;
            int length = (int) child.size;
            if (child.id == TIMECODE_SCALE) {
                if (length > 8) {
                    return null;
                }
                // an empty unsigned integer is its default
                scale = length == 0 ? DEFAULT_TIMECODE_SCALE : unsigned(info, from, length);
            } else if (child.id == DURATION) {
                if (length == 4) {
                    duration = (double) Float.intBitsToFloat((int) unsigned(info, from, 4));
                } else if (length == 8) {
                    duration = Double.longBitsToDouble(unsigned(info, from, 8));
                } else {
                    return null; // an empty float is 0, which Duration may not be; other lengths are not floats
                }
            }
            at = (int) child.end();
        }
        // Duration must be > 0 and TimecodeScale > 0; a 64-bit scale above Long.MAX_VALUE reads negative.
        if (duration == null || !(duration > 0) || duration.isInfinite() || scale <= 0) {
            return null;
        }
        if (duration * scale / 1e9 > Integer.MAX_VALUE) {
            return null; // (which also keeps the exact product below small)
        }
        // exact arithmetic: 12 s written as 12000.0 ms must not become 13 through a rounding error
        BigDecimal seconds = new BigDecimal(duration).multiply(BigDecimal.valueOf(scale))
                .divide(NANOS_PER_SECOND, 0, RoundingMode.CEILING);
        return seconds.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? null : seconds.intValue();
    }

    /** An element's ID (marker bit kept), the file offset of its data and its size ({@link #UNKNOWN} if all size bits are 1). */
    private record Element(long id, long dataStart, long size) {
        long end() {
            return dataStart + size;
        }
    }

    /**
     * The element header at {@code b[at]}, {@code b[0]} being at file offset {@code base}; null if it is not a
     * valid one (a 1–4 byte ID, a 1–8 byte size), is cut off, or its known size runs past {@code limit}.
     */
    private static Element parse(byte[] b, int at, long base, long limit) {
        int idLength = vintLength(b, at);
        if (idLength < 1 || idLength > 4 || at + idLength > b.length) {
            return null;
        }
        long id = unsigned(b, at, idLength);
        int sizeAt = at + idLength;
        int sizeLength = vintLength(b, sizeAt);
        if (sizeLength < 1 || sizeAt + sizeLength > b.length) {
            return null;
        }
        long size = unsigned(b, sizeAt, sizeLength) & (-1L >>> (64 - 7 * sizeLength));
        if (size == -1L >>> (64 - 7 * sizeLength)) {
            size = UNKNOWN;
        }
        long dataStart = base + sizeAt + sizeLength;
        // size < 2^56 and offsets are far below 2^62: no overflow
        if (dataStart > limit || (size != UNKNOWN && size > limit - dataStart)) {
            return null;
        }
        return new Element(id, dataStart, size);
    }

    /** The length of the variable-size integer starting at {@code b[at]} (its leading zeros + 1), or 0 if none. */
    private static int vintLength(byte[] b, int at) {
        if (at >= b.length || b[at] == 0) {
            return 0;
        }
        return Integer.numberOfLeadingZeros(b[at] & 0xff) - 23;
    }

    private static long unsigned(byte[] b, int from, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (b[from + i] & 0xff);
        }
        return value;
    }

    /** Ranged reads within a budget: past it, and on a short read, nothing more is read. */
    private static final class Reader {
        private final VideoDuration.Ranges ranges;
        private int reads;

        Reader(VideoDuration.Ranges ranges) {
            this.ranges = ranges;
        }

        private byte[] read(long offset, int length) {
            if (reads++ >= MAX_READS || offset < 0 || length <= 0) {
                return null;
            }
            byte[] b = ranges.read(offset, length);
            return b == null || b.length < 1 ? null : b;
        }

        /** The element header at {@code offset}, within {@code limit} (the file's or the parent's end). */
        Element element(long offset, long limit) {
            if (offset < 0 || offset >= limit) {
                return null;
            }
            byte[] b = read(offset, (int) Math.min(MAX_ELEMENT_HEADER, limit - offset));
            return b == null ? null : parse(b, 0, offset, limit);
        }

        /** The data of a known-size element of at most a small bound (checked by the caller). */
        byte[] data(Element element) {
            if (element.size == 0) {
                return new byte[0];
            }
            byte[] b = read(element.dataStart, (int) element.size);
            return b == null || b.length < element.size ? null : b;
        }
    }
}
