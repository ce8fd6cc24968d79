package io.switchboard.interaction.history;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the history API tests share: callers, fresh accounts, and interactions with a screen shown. */
final class HistoryFixtures {
    static final String PROBLEM = "application/problem+json";
    static final String IVR = TestTokens.bearer("acme", "admin");
    static final String AGENT = TestTokens.bearer("acme", "agent");
    static final String GLOBEX_IVR = TestTokens.bearer("globex", "admin");
    static final String GLOBEX_AGENT = TestTokens.bearer("globex", "agent");

    static final String BILLING_SCREEN = """
            {"step_type": "screen", "screen_id": "billing", "screen_title": "Billing",
             "header": "<p>How can we <b>help</b>?</p>",
             "elements": [{"id": "pay", "label": "Pay my bill", "presentation": "choiceOption"},
                          {"id": "dispute", "label": "Dispute a charge", "presentation": "choiceOption"},
                          {"id": "account", "label": "Account number", "presentation": "textInput"},
                          {"id": "receipt", "label": "Photo of the receipt", "presentation": "uploadImageList"}]}""";

    private HistoryFixtures() {
    }

    /** An account nobody else uses, so each test sees only its own interactions. */
    static String newAccount() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String base(String account) {
        return "/interact/agent/version/2/account/" + account;
    }

    static RequestSpecification as(String token, String tenant) {
        RequestSpecification spec = given().auth().oauth2(token).header("Application-Key", "app-key-1");
        return tenant == null ? spec : spec.header("Tenant-Id", tenant);
    }

    static RequestSpecification acmeIvr() {
        return as(IVR, "acme");
    }

    static RequestSpecification acmeAgent() {
        return as(AGENT, "acme");
    }

    /** Starts an interaction of the account (server-allocated id); returns its unique id. */
    static String start(String account, String body) {
        return acmeIvr().contentType(ContentType.JSON).body(body)
                .when().post(base(account) + "/interactions")
                .then().statusCode(201).extract().path("interaction_unique_id");
    }

    static String start(String account) {
        return start(account, "{\"dialled_number\": \"1-800-123-4567\"}");
    }

    static void step(String account, String uid, String body) {
        acmeIvr().contentType(ContentType.JSON).body(body)
                .when().post(base(account) + "/interactions/" + uid + "/steps")
                .then().statusCode(201);
    }

    static void end(String account, String uid) {
        acmeIvr().contentType(ContentType.JSON).body("{\"reason\": \"call connected\"}")
                .when().post(base(account) + "/interactions/" + uid + "/end")
                .then().statusCode(200);
    }

    static byte[] image(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLUE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static long events(Pool pool, String account, String uniqueId) {
        return pool.preparedQuery("""
                        SELECT count(*) FROM event_store e JOIN interaction_unique_ids u
                          ON e.stream_id = 'interaction-' || u.interaction_id
                        WHERE u.account_id = $1 AND u.unique_id = $2""")
                .execute(Tuple.of(account, uniqueId)).await().indefinitely().iterator().next().getLong(0);
    }

    static long photoRows(Pool pool, String account) {
        return pool.preparedQuery("SELECT count(*) FROM interaction_photos WHERE account_id = $1")
                .execute(Tuple.of(account)).await().indefinitely().iterator().next().getLong(0);
    }
}
