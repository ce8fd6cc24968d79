package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Blocking REST calls onto the local stack's services (set-up, checks, tailing the Manager API). */
final class Rest {
    private final Stack stack;
    private final HttpClient http;

    Rest(Stack stack) {
        this.stack = stack;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return Json.read(body);
        }

        Optional<String> header(String name) {
            return raw == null ? Optional.empty() : raw.headers().firstValue(name);
        }
    }

    Response send(String service, String method, String path, Object body, Credential as) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + as.bearer()).header("Accept", "application/json");
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            return new Response(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends and insists on the status (set-up steps: anything else is a broken stack). */
    JsonNode expect(int status, String service, String method, String path, Object body, Credential as) {
        Response response = send(service, method, path, body, as);
        if (response.status() != status) {
            throw new IllegalStateException(method + " " + service + " " + path + " answered " + response.status() + " "
                    + response.body() + " (expected " + status + ")");
        }
        return response.json();
    }

    URI uri(String service, String path) {
        return Stack.requireLocal(stack.uri(service).resolve(path));
    }
}
