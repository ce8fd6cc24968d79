package io.switchboard.e2e.stack;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A photo attached to a chat or call through the media service the way a mobile client does it: ask for an
 * upload form, POST the form's fields and the file straight to the store, attach the uploaded key. And what
 * a Manager API client does with a listed {@code url}: GET it with its token, follow the 302 to the
 * pre-signed URL without the token.
 */
final class MediaOnTheStack {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private MediaOnTheStack() {
    }

    /** A small PNG whose pixels are random, so its bytes are this run's own. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                image.setRGB(x, y, ThreadLocalRandom.current().nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Uploads and attaches a PNG to {@code channel} ({@code chats} or {@code calls}) {@code id}; answers its
     * media id. The media service knows a chat or call once its creation event has reached it, so the
     * form is asked for until it is issued.
     */
    static long attachPhoto(String token, String channel, long id, byte[] png, Duration patience) {
        String base = "/apps/api/v1/" + channel + "/" + id + "/photos";
        JsonPath[] form = new JsonPath[1];
        await().atMost(patience).until(() -> {
            var response = media(token).body(Map.of("content_type", "image/png")).post(base + "/upload");
            form[0] = response.statusCode() == 200 ? response.jsonPath() : null;
            return form[0] != null;
        });
        Map<String, String> fields = form[0].getMap("fields");
        HttpResponse<String> upload = postForm(form[0].getString("url"), fields, png);
        assertThat(upload.statusCode()).as("the store's answer to the upload: %s", upload.body()).isEqualTo(201);
        return media(token).body(Map.of("photo", List.of(Map.of("s3_path", fields.get("key"), "photo_type", "photo"))))
                .when().post(base).then().statusCode(200).extract().jsonPath().getLong("media_id");
    }

    /** The bytes behind a {@code url} the Manager API lists: the media path's 302, then the pre-signed GET. */
    static byte[] download(String token, String url) {
        assertThat(url).startsWith("/apps/api/v1/media/");
        String location = media(token).redirects().follow(false).when().get(url)
                .then().statusCode(302).extract().header("Location");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static io.restassured.specification.RequestSpecification media(String token) {
        return given().baseUri("http://127.0.0.1:" + LocalStack.servicePort("media")).auth().oauth2(token)
                .contentType(ContentType.JSON);
    }

    /** multipart/form-data with every field of the form, in order, and the file last (S3 ignores fields after it). */
    private static HttpResponse<String> postForm(String url, Map<String, String> fields, byte[] file) {
        String boundary = "----e2e" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
