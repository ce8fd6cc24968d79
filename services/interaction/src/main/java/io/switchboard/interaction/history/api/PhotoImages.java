package io.switchboard.interaction.history.api;

import io.switchboard.eventstore.decider.InvalidCommandException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Uploaded images: checked by decoding (the bytes must be the PNG or JPEG they claim to be) and
 * scaled down to fit a box on the way out. Pure JDK imaging, headless.
 */
final class PhotoImages {
    static final int MAX_BYTES = io.switchboard.interaction.history.store.PhotoStore.MAX_BYTES;
    static final Map<String, String> FORMATS = Map.of("image/png", "png", "image/jpeg", "jpeg");

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PhotoImages() {
    }

    record Decoded(String contentType, int width, int height) {
        String extension() {
            return contentType.equals("image/png") ? "png" : "jpg";
        }
    }

    /** The image's real format and size; 400 naming {@code body} unless it decodes as the declared type. */
    static Decoded decode(byte[] bytes, String declaredType) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidCommandException("body", "the image bytes are required");
        }
        if (bytes.length > MAX_BYTES) {
            throw HistoryProblem.tooLarge("body", "an image has at most " + MAX_BYTES + " bytes");
        }
        String expected = FORMATS.get(declaredType);
        if (expected == null) {
            throw new InvalidCommandException("Content-Type", "Content-Type must be image/png or image/jpeg");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidCommandException("body", "the bytes are not an image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                String actual = format.equals("jpg") ? "jpeg" : format;
                if (!actual.equals(expected)) {
                    throw new InvalidCommandException("Content-Type",
                            "the bytes are a " + format + " image, not " + declaredType);
                }
                reader.setInput(in);
                BufferedImage image = reader.read(0);
                return new Decoded(declaredType, image.getWidth(), image.getHeight());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidCommandException invalid) {
                throw invalid;
            }
            throw new InvalidCommandException("body", "the bytes are not a readable " + declaredType + " image");
        }
    }

    /** The image scaled down, keeping its aspect ratio, so neither side exceeds {@code maxSize}. */
    static byte[] fit(byte[] bytes, String contentType, int maxSize) {
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(bytes));
            int width = source.getWidth();
            int height = source.getHeight();
            if (width <= maxSize && height <= maxSize) {
                return bytes;
            }
            double scale = Math.min((double) maxSize / width, (double) maxSize / height);
            int scaledWidth = Math.min(maxSize, Math.max(1, (int) Math.round(width * scale)));
            int scaledHeight = Math.min(maxSize, Math.max(1, (int) Math.round(height * scale)));
            boolean png = contentType.equals("image/png");
            BufferedImage scaled = new BufferedImage(scaledWidth, scaledHeight,
                    png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = scaled.createGraphics();
            try {
                graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                graphics.drawImage(source, 0, 0, scaledWidth, scaledHeight, null);
            } finally {
                graphics.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(scaled, FORMATS.get(contentType), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
