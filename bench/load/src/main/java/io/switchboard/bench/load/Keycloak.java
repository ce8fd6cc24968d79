package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keycloak as an operator and its users use it: users of realm {@code switchboard} created through the
 * admin API (with the {@code partner_id} and {@code agent_id} attributes the realm maps into tokens, as
 * {@code deploy/keycloak/README.md} describes), and their tokens through the public client's password
 * grant, kept fresh with the refresh token.
 */
public final class Keycloak {
    static final String REALM = "switchboard";
    private final URI base;
    private final String adminPassword;
    private final HttpClient http;
    private final Map<String, JsonNode> roles = new ConcurrentHashMap<>();
    private volatile String adminToken;
    private volatile long adminTokenExpires;

    public Keycloak(Stack stack) {
        this.base = Stack.requireLocal(stack.uri("keycloak"));
        this.adminPassword = stack.secret("KEYCLOAK_ADMIN_PASSWORD");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A user of the realm, as the generator created it. */
    public record User(String id, String username, String password, String partnerId, List<String> roles, Long agentId) {
    }

    /** Creates an enabled user with a password, the partner (and agent) attribute and realm roles. */
    public User createUser(String username, String password, String partnerId, List<String> realmRoles, Long agentId) {
        Map<String, Object> body = representation(username, partnerId, agentId);
        body.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = admin("POST", "/users", Json.write(body));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused user " + username + ": " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        mapRoles(id, username, realmRoles);
        return new User(id, username, password, partnerId, List.copyOf(realmRoles), agentId);
    }

    /**
     * The user named {@code username}, made as {@link #createUser} would make it: created if it does not
     * exist, else its attributes (partner, agent) and realm roles set again, its password left as it is
     * (see {@link #resetPassword}). For stable users that outlive a run (the demo's).
     */
    public User ensureUser(String username, String password, String partnerId, List<String> realmRoles, Long agentId) {
        HttpResponse<String> found = admin("GET", "/users?exact=true&briefRepresentation=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null);
        JsonNode users = Json.read(found.body());
        if (found.statusCode() != 200 || !users.isArray()) {
            throw new IllegalStateException("Keycloak's user search failed: " + found.statusCode() + " " + found.body());
        }
        String id = null;
        for (JsonNode user : users) {
            if (user.path("username").asText().equals(username)) {
                id = user.path("id").asText();
            }
        }
        if (id == null) {
            return createUser(username, password, partnerId, realmRoles, agentId);
        }
        HttpResponse<String> updated = admin("PUT", "/users/" + id, Json.write(representation(username, partnerId, agentId)));
        if (updated.statusCode() != 204) {
            throw new IllegalStateException("Keycloak refused an update of " + username + ": " + updated.statusCode() + " " + updated.body());
        }
        mapRoles(id, username, realmRoles);
        return new User(id, username, password, partnerId, List.copyOf(realmRoles), agentId);
    }

    /** Sets the user's password (not temporary). */
    public void resetPassword(User user) {
        HttpResponse<String> answer = admin("PUT", "/users/" + user.id() + "/reset-password",
                Json.write(Map.of("type", "password", "value", user.password(), "temporary", false)));
        if (answer.statusCode() != 204) {
            throw new IllegalStateException("Keycloak refused a new password for " + user.username() + ": " + answer.statusCode()
                    + " " + answer.body());
        }
    }

    private static Map<String, Object> representation(String username, String partnerId, Long agentId) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("partner_id", List.of(partnerId));
        if (agentId != null) {
            attributes.put("agent_id", List.of(agentId.toString()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("enabled", true);
        body.put("email", username + "@load.test");
        body.put("emailVerified", true);
        body.put("firstName", "Load");
        body.put("lastName", "User");
        body.put("attributes", attributes);
        return body;
    }

    private void mapRoles(String id, String username, List<String> realmRoles) {
        List<JsonNode> mapped = new ArrayList<>();
        for (String role : realmRoles) {
            mapped.add(roles.computeIfAbsent(role, r -> {
                HttpResponse<String> answer = admin("GET", "/roles/" + r, null);
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("Keycloak has no realm role " + r + ": " + answer.statusCode());
                }
                return Json.read(answer.body());
            }));
        }
        HttpResponse<String> mapping = admin("POST", "/users/" + id + "/role-mappings/realm", Json.write(mapped));
        if (mapping.statusCode() != 204) {
            throw new IllegalStateException("Keycloak refused roles of " + username + ": " + mapping.statusCode() + " " + mapping.body());
        }
    }

    public void deleteUser(User user) {
        admin("DELETE", "/users/" + user.id(), null);
    }

    /** Ids of the realm's users whose user name starts with {@code prefix} (Keycloak's search is a substring match). */
    public List<String> userIdsStartingWith(String prefix) {
        List<String> ids = new ArrayList<>();
        for (int first = 0; ; first += 100) {
            HttpResponse<String> page = admin("GET", "/users?briefRepresentation=true&max=100&first=" + first
                    + "&search=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8), null);
            JsonNode users = Json.read(page.body());
            if (!users.isArray() || users.isEmpty()) {
                return ids;
            }
            users.forEach(u -> {
                if (u.path("username").asText().startsWith(prefix)) {
                    ids.add(u.path("id").asText());
                }
            });
        }
    }

    public void deleteUserById(String id) {
        admin("DELETE", "/users/" + id, null);
    }

    /** A token response of the realm: the access token, when it expires (System.nanoTime) and the refresh token. */
    public record Tokens(String access, long expiresAtNanos, String refresh) {
    }

    public Tokens passwordGrant(String username, String password) {
        return grant(Map.of("grant_type", "password", "client_id", "switchboard-web", "username", username,
                "password", password, "scope", "openid"));
    }

    /** A refreshed token, or null if the refresh token is no longer accepted (then grant again). */
    public Tokens refresh(Tokens tokens) {
        if (tokens.refresh() == null) {
            return null;
        }
        try {
            return grant(Map.of("grant_type", "refresh_token", "client_id", "switchboard-web", "refresh_token", tokens.refresh()));
        } catch (IllegalStateException refused) {
            return null;
        }
    }

    private Tokens grant(Map<String, String> form) {
        long asked = System.nanoTime();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).timeout(Duration.ofSeconds(30)).build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a " + form.get("grant_type") + " grant"
                    + (form.containsKey("username") ? " for " + form.get("username") : "") + ": " + answer.statusCode()
                    + " " + answer.body());
        }
        JsonNode json = Json.read(answer.body());
        long lifetime = json.path("expires_in").asLong(60);
        String refresh = json.path("refresh_token").asText(null);
        return new Tokens(json.path("access_token").asText(), asked + Duration.ofSeconds(lifetime).toNanos(), refresh);
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + adminToken()).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    /** The bootstrap admin of the master realm ({@code admin}, the launcher's generated password). */
    private String adminToken() {
        if (adminToken == null || System.nanoTime() > adminTokenExpires) {
            synchronized (this) {
                if (adminToken == null || System.nanoTime() > adminTokenExpires) {
                    long asked = System.nanoTime();
                    HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password",
                                    "client_id", "admin-cli", "username", "admin", "password", adminPassword))))
                            .timeout(Duration.ofSeconds(30)).build());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("Keycloak's admin login failed: " + answer.statusCode());
                    }
                    JsonNode json = Json.read(answer.body());
                    adminTokenExpires = asked + Duration.ofSeconds(Math.max(10, json.path("expires_in").asLong(60) - 10)).toNanos();
                    adminToken = json.path("access_token").asText();
                }
            }
        }
        return adminToken;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + base + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
