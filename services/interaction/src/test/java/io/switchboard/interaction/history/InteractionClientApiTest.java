package io.switchboard.interaction.history;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.history.HistoryFixtures.BILLING_SCREEN;
import static io.switchboard.interaction.history.HistoryFixtures.PROBLEM;
import static io.switchboard.interaction.history.HistoryFixtures.acmeIvr;
import static io.switchboard.interaction.history.HistoryFixtures.as;
import static io.switchboard.interaction.history.HistoryFixtures.base;
import static io.switchboard.interaction.history.HistoryFixtures.end;
import static io.switchboard.interaction.history.HistoryFixtures.events;
import static io.switchboard.interaction.history.HistoryFixtures.image;
import static io.switchboard.interaction.history.HistoryFixtures.newAccount;
import static io.switchboard.interaction.history.HistoryFixtures.photoRows;
import static io.switchboard.interaction.history.HistoryFixtures.start;
import static io.switchboard.interaction.history.HistoryFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/** The visual-IVR client's write side: start, steps, photos, variables, end. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class InteractionClientApiTest {
    private static final String MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Inject
    Pool pool;

    @Test
    void startAllocatesAUniqueIdAndTheNumberToDial() {
        String account = newAccount();
        String uid = acmeIvr().contentType(ContentType.JSON)
                .body("""
                        {"dialled_number": "1-800-123-4567",
                         "caller_attributes": {"call_return_number": "2121234567", "history_search_id": "blue-p4ff56al8"}}""")
                .when().post(base(account) + "/interactions")
                .then().statusCode(201)
                .body("keySet()", containsInAnyOrder("interaction_unique_id", "account_id", "status", "dialled_number",
                        "number_to_dial", "caller_attributes", "started_at", "ended_at", "end_reason", "steps"))
                .body("interaction_unique_id", matchesPattern("[1-9][0-9]{5}"))
                .body("account_id", equalTo(account))
                .body("status", equalTo("active"))
                .body("dialled_number", equalTo("1-800-123-4567"))
                .body("caller_attributes.call_return_number", equalTo("2121234567"))
                .body("started_at", matchesPattern(MILLIS))
                .body("ended_at", nullValue())
                .body("steps", equalTo(0))
                .extract().path("interaction_unique_id");

        acmeIvr().when().get(base(account) + "/interactions/" + uid)
                .then().statusCode(200)
                .body("number_to_dial", equalTo("1-800-123-4567," + uid));
    }

    @Test
    void locationNamesTheNewInteraction() {
        String account = newAccount();
        var response = acmeIvr().contentType(ContentType.JSON).body("{\"dialled_number\": \"18001234567\"}")
                .when().post(base(account) + "/interactions").then().statusCode(201).extract();
        assertThat(response.header("Location")).endsWith(base(account) + "/interactions/"
                + response.path("interaction_unique_id"));
    }

    @Test
    void twentyParallelStartsGetTwentyDistinctIds() throws Exception {
        String account = newAccount();
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                starts.add(() -> start(account));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> id : threads.invokeAll(starts)) {
                ids.add(id.get());
            }
            assertThat(ids).hasSize(20).allMatch(id -> id.matches("[0-9]{6}"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRequestedIdIsRefusedWhileAnActiveInteractionHoldsItAndFreeAfterItEnds() throws Exception {
        String account = newAccount();
        String body = "{\"dialled_number\": \"1-800-123-4567\", \"unique_id\": \"959595\"}";
        ExecutorService threads = Executors.newFixedThreadPool(10);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> starts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                starts.add(() -> acmeIvr().contentType(ContentType.JSON).body(body)
                        .when().post(base(account) + "/interactions").then().extract().statusCode());
            }
            for (Future<Integer> status : threads.invokeAll(starts)) {
                statuses.add(status.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);

        acmeIvr().contentType(ContentType.JSON).body(body).when().post(base(account) + "/interactions")
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("959595 is in use by an active interaction"));
        // The same id in another account is free: ids are unique per account.
        start(newAccount(), body);

        end(account, "959595");
        acmeIvr().contentType(ContentType.JSON).body(body).when().post(base(account) + "/interactions")
                .then().statusCode(201).body("number_to_dial", equalTo("1-800-123-4567,959595"));
    }

    @Test
    void invalidStartsNameTheField() {
        String account = newAccount();
        acmeIvr().contentType(ContentType.JSON).body("{}").when().post(base(account) + "/interactions")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("dialled_number"));
        acmeIvr().contentType(ContentType.JSON).body("{\"dialled_number\": \"call me maybe\"}")
                .when().post(base(account) + "/interactions")
                .then().statusCode(400).body("errors[0].field", equalTo("dialled_number"));
        acmeIvr().contentType(ContentType.JSON).body("{\"dialled_number\": \"18001234567\", \"unique_id\": \"12ab\"}")
                .when().post(base(account) + "/interactions")
                .then().statusCode(400).body("errors[0].field", equalTo("unique_id"));
        acmeIvr().contentType(ContentType.JSON)
                .body("{\"dialled_number\": \"18001234567\", \"caller_attributes\": {\"shoe_size\": \"9\"}}")
                .when().post(base(account) + "/interactions")
                .then().statusCode(400).body("errors[0].field", equalTo("caller_attributes.shoe_size"));
        acmeIvr().contentType(ContentType.JSON).body("{\"dialled_number\": \"18001234567\"}")
                .when().post("/interact/agent/version/two/account/" + account + "/interactions")
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
    }

    @Test
    void unauthenticatedCallersGet401() {
        given().contentType(ContentType.JSON).header("Tenant-Id", "acme").body("{\"dialled_number\": \"18001234567\"}")
                .when().post(base(newAccount()) + "/interactions")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void agentsCannotWriteAndTheTenantMustBeTheCallersPartner() {
        String account = newAccount();
        as(HistoryFixtures.AGENT, "acme").contentType(ContentType.JSON).body("{\"dialled_number\": \"18001234567\"}")
                .when().post(base(account) + "/interactions")
                .then().statusCode(403).contentType(PROBLEM);
        as(HistoryFixtures.IVR, "globex").contentType(ContentType.JSON).body("{\"dialled_number\": \"18001234567\"}")
                .when().post(base(account) + "/interactions")
                .then().statusCode(403).contentType(PROBLEM).body("errors[0].field", equalTo("Tenant-Id"));
        as(HistoryFixtures.IVR, null).contentType(ContentType.JSON).body("{\"dialled_number\": \"18001234567\"}")
                .when().post(base(account) + "/interactions")
                .then().statusCode(403).contentType(PROBLEM).body("errors[0].field", equalTo("Tenant-Id"));
        as(TestTokens.bearer("acme"), "acme").contentType(ContentType.JSON).body("{\"dialled_number\": \"18001234567\"}")
                .when().post(base(account) + "/interactions")
                .then().statusCode(403);
    }

    @Test
    void stepsAreNumberedAndMustAnswerTheCurrentScreen() {
        String account = newAccount();
        String uid = start(account);
        String steps = base(account) + "/interactions/" + uid + "/steps";

        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"choice\", \"screen_id\": \"billing\", \"element_id\": \"pay\"}")
                .when().post(steps).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("no screen has been shown yet"));
        acmeIvr().contentType(ContentType.JSON).body(BILLING_SCREEN)
                .when().post(steps).then().statusCode(201)
                .body("keySet()", containsInAnyOrder("interaction_unique_id", "step_number", "step_type", "screen_id",
                        "element_id", "value", "recorded_at"))
                .body("step_number", equalTo(1)).body("step_type", equalTo("screen"));
        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"choice\", \"screen_id\": \"billing\", \"element_id\": \"pay\"}")
                .when().post(steps).then().statusCode(201)
                .body("step_number", equalTo(2)).body("value", equalTo("pay")).body("element_id", equalTo("pay"));
        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"input\", \"screen_id\": \"billing\", \"element_id\": \"account\", \"value\": \"ACC-77\"}")
                .when().post(steps).then().statusCode(201).body("step_number", equalTo(3));

        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"input\", \"screen_id\": \"billing\", \"element_id\": \"pay\", \"value\": \"x\"}")
                .when().post(steps).then().statusCode(400).body("errors[0].field", equalTo("element_id"));
        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"teleport\", \"screen_id\": \"billing\"}")
                .when().post(steps).then().statusCode(400).body("errors[0].field", equalTo("step_type"));
        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"screen\"}")
                .when().post(steps).then().statusCode(400).body("errors[0].field", equalTo("screen_id"));
        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"screen\", \"screen_id\": \"s\", \"elements\": [{\"id\": \"a\", \"presentation\": \"slider\"}]}")
                .when().post(steps).then().statusCode(400).body("errors[0].field", equalTo("elements[0].presentation"));
        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"choice\", \"screen_id\": \"elsewhere\", \"element_id\": \"pay\"}")
                .when().post(steps).then().statusCode(409).body("detail", containsString("not the current screen"));

        assertThat(events(pool, account, uid)).isEqualTo(4);
    }

    @Test
    void nothingIsAcceptedAfterTheEndAndNothingIsWritten() {
        String account = newAccount();
        String uid = start(account);
        step(account, uid, BILLING_SCREEN);
        acmeIvr().contentType(ContentType.JSON).body("{}").when().post(base(account) + "/interactions/" + uid + "/end")
                .then().statusCode(200).body("status", equalTo("ended")).body("ended_at", matchesPattern(MILLIS));
        long written = events(pool, account, uid);
        long photos = photoRows(pool, account);
        String interaction = base(account) + "/interactions/" + uid;

        acmeIvr().contentType(ContentType.JSON).body("{\"step_type\": \"choice\", \"screen_id\": \"billing\", \"element_id\": \"pay\"}")
                .when().post(interaction + "/steps").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("current status: ended"));
        acmeIvr().contentType(ContentType.JSON).body(BILLING_SCREEN)
                .when().post(interaction + "/steps").then().statusCode(409).body("detail", containsString("ended"));
        acmeIvr().contentType(ContentType.JSON).body("{\"voice\": {\"data\": {\"a\": \"b\"}}}")
                .when().put(interaction + "/variableSet/customerInfoSet").then().statusCode(409)
                .body("detail", containsString("current status: ended"));
        acmeIvr().contentType("image/png").body(image(10, 10, "png"))
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt")
                .when().post(interaction + "/photos").then().statusCode(409).body("detail", containsString("ended"));
        acmeIvr().contentType(ContentType.JSON).body("{}").when().post(interaction + "/end")
                .then().statusCode(409).body("detail", containsString("current status: ended"));

        assertThat(events(pool, account, uid)).isEqualTo(written);
        assertThat(photoRows(pool, account)).isEqualTo(photos);
    }

    @Test
    void variablesAreMergedIntoTheirSetAndValidated() {
        String account = newAccount();
        String uid = start(account);
        String set = base(account) + "/interactions/" + uid + "/variableSet/customerInfoSet";

        acmeIvr().contentType(ContentType.JSON).body("{\"voice\": {\"data\": {\"customerId\": \"12345\", \"language\": \"en-us\"}}}")
                .when().put(set).then().statusCode(200)
                .body("voice.data.customerId", equalTo("12345"));
        acmeIvr().contentType(ContentType.JSON).body("{\"voice\": {\"data\": {\"customerId\": \"999\", \"lastName\": \"Smith\"}}}")
                .when().put(set).then().statusCode(200)
                .body("voice.data.customerId", equalTo("999"))
                .body("voice.data.language", equalTo("en-us"))
                .body("voice.data.lastName", equalTo("Smith"));

        acmeIvr().contentType(ContentType.JSON).body("{\"voice\": {\"data\": {\"bad name\": \"x\"}}}")
                .when().put(set).then().statusCode(400).body("errors[0].field", equalTo("voice.data.bad name"));
        acmeIvr().contentType(ContentType.JSON).body("{\"voice\": {\"data\": {\"customerId\": null}}}")
                .when().put(set).then().statusCode(400).body("errors[0].field", equalTo("voice.data.customerId"));
        acmeIvr().contentType(ContentType.JSON).body("{}")
                .when().put(set).then().statusCode(400).body("errors[0].field", equalTo("body"));
        acmeIvr().contentType(ContentType.JSON).body("{\"voice\": {\"data\": {\"a\": \"b\"}}}")
                .when().put(base(account) + "/interactions/" + uid + "/variableSet/bad%20set")
                .then().statusCode(400).body("errors[0].field", equalTo("setName"));
    }

    @Test
    void photosAreCheckedByDecodingAndBoundedInSize() {
        String account = newAccount();
        String uid = start(account);
        step(account, uid, BILLING_SCREEN);
        String photos = base(account) + "/interactions/" + uid + "/photos";

        acmeIvr().contentType("image/png").body(image(40, 20, "png"))
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt")
                .queryParam("img_path", "/mnt/sdcard/home/downloads/i1152998579")
                .when().post(photos).then().statusCode(201)
                .body("step_type", equalTo("photo")).body("value", equalTo("/mnt/sdcard/home/downloads/i1152998579"));
        acmeIvr().contentType("image/png").body("definitely not a png".getBytes())
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt")
                .when().post(photos).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
        acmeIvr().contentType("image/png").body(image(20, 20, "jpeg"))
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt")
                .when().post(photos).then().statusCode(400).body("errors[0].field", equalTo("Content-Type"));
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        acmeIvr().contentType("image/jpeg").body(huge)
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt")
                .when().post(photos).then().statusCode(413).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
        acmeIvr().contentType("image/gif").body(new byte[]{1, 2, 3})
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt")
                .when().post(photos).then().statusCode(415);
        acmeIvr().contentType("image/png").body(image(10, 10, "png"))
                .queryParam("screen_id", "billing").queryParam("element_id", "pay")
                .when().post(photos).then().statusCode(400).body("errors[0].field", equalTo("element_id"));

        assertThat(photoRows(pool, account)).isEqualTo(1);
    }

    @Test
    void anotherPartnersOrAccountsInteractionIsNotFound() {
        String account = newAccount();
        String uid = start(account);
        as(HistoryFixtures.GLOBEX_IVR, "globex").contentType(ContentType.JSON).body(BILLING_SCREEN)
                .when().post(base(account) + "/interactions/" + uid + "/steps")
                .then().statusCode(404).contentType(PROBLEM);
        acmeIvr().contentType(ContentType.JSON).body(BILLING_SCREEN)
                .when().post(base(newAccount()) + "/interactions/" + uid + "/steps")
                .then().statusCode(404).contentType(PROBLEM);
        as(HistoryFixtures.GLOBEX_IVR, "globex").when().get(base(account) + "/interactions/" + uid)
                .then().statusCode(404);
        assertThat(events(pool, account, uid)).isEqualTo(1);
    }
}
