package io.switchboard.interaction.history;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.history.HistoryFixtures.BILLING_SCREEN;
import static io.switchboard.interaction.history.HistoryFixtures.PROBLEM;
import static io.switchboard.interaction.history.HistoryFixtures.acmeAgent;
import static io.switchboard.interaction.history.HistoryFixtures.acmeIvr;
import static io.switchboard.interaction.history.HistoryFixtures.as;
import static io.switchboard.interaction.history.HistoryFixtures.base;
import static io.switchboard.interaction.history.HistoryFixtures.end;
import static io.switchboard.interaction.history.HistoryFixtures.image;
import static io.switchboard.interaction.history.HistoryFixtures.newAccount;
import static io.switchboard.interaction.history.HistoryFixtures.start;
import static io.switchboard.interaction.history.HistoryFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/** The agent's read side: unique id lookups, full flow, summary, variable sets, photos. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class InteractionHistoryApiTest {
    private static final String MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final String DEVICE_PATH = "/mnt/sdcard/home/downloads/i1152998579";

    /** A billing interaction: two screens, a choice, an input, a photo, variables. Returns its unique id. */
    private static String billingInteraction(String account, String startBody) {
        String uid = start(account, startBody);
        step(account, uid, BILLING_SCREEN);
        step(account, uid, "{\"step_type\": \"choice\", \"screen_id\": \"billing\", \"element_id\": \"dispute\"}");
        step(account, uid, "{\"step_type\": \"input\", \"screen_id\": \"billing\", \"element_id\": \"account\", \"value\": \"ACC-77\"}");
        acmeIvr().contentType("image/png").body(image(400, 200, "png"))
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt").queryParam("img_path", DEVICE_PATH)
                .when().post(base(account) + "/interactions/" + uid + "/photos").then().statusCode(201);
        step(account, uid, """
                {"step_type": "screen", "screen_id": "thanks", "screen_title": "Thanks",
                 "elements": [{"id": "done", "label": "Done", "presentation": "clickToContinue"},
                              {"id": "rate", "label": "Rate us", "presentation": "choiceSwitch"}]}""");
        acmeIvr().contentType(ContentType.JSON)
                .body("{\"voice\": {\"data\": {\"customerId\": \"12345\", \"firstName\": \"Jane\", \"agentSkill\": \"\"}}}")
                .when().put(base(account) + "/interactions/" + uid + "/variableSet/customerInfoSet")
                .then().statusCode(200);
        return uid;
    }

    private static String billingInteraction(String account) {
        return billingInteraction(account, "{\"dialled_number\": \"1-800-123-4567\"}");
    }

    @Test
    void uniqueIdIsFoundByEveryCallerAttribute() {
        String account = newAccount();
        String uid = start(account, """
                {"dialled_number": "1-800-123-4567",
                 "caller_attributes": {"call_return_number": "2121234567", "click_to_call_caller_id": "5550100",
                                       "history_search_id": "first-id"}}""");
        String uniqueId = base(account) + "/uniqueId/";

        for (String path : List.of("dtmf/" + uid, "callReturn/2121234567", "clickToCall/5550100", "historySearchId/first-id")) {
            acmeAgent().when().get(uniqueId + path)
                    .then().statusCode(200).contentType(ContentType.JSON)
                    .body("keySet()", contains("interaction_unique_id"))
                    .body("interaction_unique_id", equalTo(uid));
        }
        acmeAgent().when().get(uniqueId + "callReturn/0000000").then().statusCode(404).contentType(PROBLEM);
        acmeAgent().when().get(uniqueId + "dtmf/000000").then().statusCode(404).contentType(PROBLEM);

        // The latest assignment of historySearchId wins.
        acmeIvr().contentType(ContentType.JSON).body("{\"session\": {\"data\": {\"historySearchId\": \"blue-p4ff56al8\"}}}")
                .when().put(base(account) + "/interactions/" + uid + "/variableSet/system").then().statusCode(200);
        acmeAgent().when().get(uniqueId + "historySearchId/blue-p4ff56al8").then().statusCode(200)
                .body("interaction_unique_id", equalTo(uid));
        acmeAgent().when().get(uniqueId + "historySearchId/first-id").then().statusCode(404);
    }

    @Test
    void fullFlowListsEveryPageInThePageModel() {
        String account = newAccount();
        String uid = billingInteraction(account);

        ExtractableResponse<Response> flow = acmeAgent().when().get(base(account) + "/interactiondata/" + uid + "/fullFlow")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("$", hasSize(2))
                .body("[0].keySet()", containsInAnyOrder("pageNavigation", "pageContent", "timestamp"))
                .body("[0].timestamp", matchesPattern(MILLIS))
                .body("[0].pageNavigation.navigationTitle", equalTo("Billing"))
                .body("[0].pageNavigation.navigationRight.keySet()",
                        containsInAnyOrder("buttonState", "buttonVisible", "buttonLabel", "buttonAction"))
                .body("[0].pageNavigation.navigationRight.buttonAction",
                        equalTo("server://navigationType?type=NEXT&shouldSendFormData=true"))
                .body("[0].pageNavigation.navigationLeft.buttonAction",
                        equalTo("server://navigationType?type=PREVIOUS&shouldSendFormData=false"))
                .body("[0].pageNavigation.navigationLeft.buttonVisible", equalTo(false))
                .body("[1].pageNavigation.navigationLeft.buttonVisible", equalTo(true))
                .body("[0].pageContent.contentHeader.innerHtml", equalTo("<p>How can we <b>help</b>?</p>"))
                .body("[0].pageContent.contentSections[0].keySet()", containsInAnyOrder("id", "sectionLabel",
                        "sectionGroupType", "sectionNumberOfColumns", "sectionChoices"))
                .body("[0].pageContent.contentSections[0].sectionGroupType", equalTo("SINGLE"))
                .body("[0].pageContent.contentSections[0].sectionChoices.id", contains("pay", "dispute", "account", "receipt"))
                .body("[0].pageContent.contentSections[0].sectionChoices.selected", contains(false, true, true, true))
                .body("[0].pageContent.contentSections[0].sectionChoices.choiceValue",
                        contains("", "dispute", "ACC-77", DEVICE_PATH))
                .body("[0].pageContent.contentSections[0].sectionChoices[3].uploadImageList.imagePaths", contains(DEVICE_PATH))
                .body("[1].pageContent.contentSections[0].sectionChoices[0].clickToContinue.keySet()", hasSize(0))
                .extract();
        Map<String, Object> choice = flow.path("[0].pageContent.contentSections[0].sectionChoices[1]");
        assertThat(choice).containsOnlyKeys("id", "choiceValue", "choiceLabel", "selected", "choiceOption");

        // An agent holding the call's interaction_unique_id (its DTMF code) reads the same flow.
        acmeAgent().queryParam("widerSearch", "false")
                .when().get(base(account) + "/interactiondata/" + uid + "/fullFlow/byCallerAttribute")
                .then().statusCode(200).body("$", hasSize(2)).body("[1].pageNavigation.navigationTitle", equalTo("Thanks"));
    }

    @Test
    void summaryHasOnlyWhatTheUserGave() {
        String account = newAccount();
        String uid = billingInteraction(account);

        acmeAgent().when().get(base(account) + "/interactiondata/" + uid + "/summary")
                .then().statusCode(200)
                .body("keySet()", containsInAnyOrder("interaction_unique_id", "status", "started_at", "ended_at", "pages"))
                .body("interaction_unique_id", equalTo(uid))
                .body("status", equalTo("active"))
                .body("pages", hasSize(1))
                .body("pages[0].keySet()", containsInAnyOrder("id", "title", "timestamp", "header", "questions"))
                .body("pages[0].id", equalTo("billing"))
                .body("pages[0].title", equalTo("Billing"))
                .body("pages[0].timestamp", matchesPattern(MILLIS))
                .body("pages[0].header", equalTo("How can we help ?"))
                .body("pages[0].questions.reference_name", contains("dispute", "account", "receipt"))
                .body("pages[0].questions.label", contains("Dispute a charge", "Account number", "Photo of the receipt"))
                .body("pages[0].questions.answer", contains("dispute", "ACC-77", DEVICE_PATH));
    }

    @Test
    void variableSetHasTheChannelDataShape() {
        String account = newAccount();
        String uid = billingInteraction(account, """
                {"dialled_number": "1-800-123-4567", "caller_attributes": {"history_search_id": "blue-p4ff56al8"}}""");

        acmeAgent().when().get(base(account) + "/interactiondata/" + uid + "/variableSet/customerInfoSet")
                .then().statusCode(200)
                .body("keySet()", contains("voice"))
                .body("voice.keySet()", contains("data"))
                .body("voice.data", equalTo(Map.of("customerId", "12345", "firstName", "Jane", "agentSkill", "")));
        acmeAgent().when().get(base(account) + "/interactiondata/blue-p4ff56al8/variableSet/customerInfoSet/byCallerAttribute")
                .then().statusCode(200).body("voice.data.customerId", equalTo("12345"));
        acmeAgent().when().get(base(account) + "/interactiondata/" + uid + "/variableSet/noSuchSet")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void byCallerAttributeFindsEndedInteractionsOnlyInAWiderSearch() {
        String account = newAccount();
        String uid = billingInteraction(account, """
                {"dialled_number": "1-800-123-4567", "caller_attributes": {"call_return_number": "2125550199"}}""");
        String summary = base(account) + "/interactiondata/2125550199/summary/byCallerAttribute";

        acmeAgent().when().get(summary).then().statusCode(200).body("interaction_unique_id", equalTo(uid));
        end(account, uid);
        acmeAgent().queryParam("widerSearch", "false").when().get(summary).then().statusCode(404).contentType(PROBLEM);
        acmeAgent().queryParam("widerSearch", "true").when().get(summary).then().statusCode(200)
                .body("status", equalTo("ended")).body("ended_at", matchesPattern(MILLIS));
        acmeAgent().queryParam("widerSearch", "sometimes").when().get(summary)
                .then().statusCode(400).body("errors[0].field", equalTo("widerSearch"));
        // By unique id an ended interaction stays readable: agents look at it after the call too.
        acmeAgent().when().get(base(account) + "/interactiondata/" + uid + "/fullFlow").then().statusCode(200);
    }

    @Test
    void photoIsScaledToFitMaxSizeKeepingItsAspectRatio() throws IOException {
        String account = newAccount();
        String uid = billingInteraction(account);
        String encoded = DEVICE_PATH.replace("/", "%252F");

        byte[] scaled = acmeAgent().urlEncodingEnabled(false).queryParam("maxSize", "60")
                .when().get(base(account) + "/photo/" + uid + "/" + encoded)
                .then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(scaled));
        assertThat(image.getWidth()).isEqualTo(60);
        assertThat(image.getHeight()).isEqualTo(30);

        byte[] original = acmeAgent().urlEncodingEnabled(false).queryParam("maxSize", "1000")
                .when().get(base(account) + "/photo/" + uid + "/" + encoded)
                .then().statusCode(200).extract().asByteArray();
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(original));
        assertThat(full.getWidth()).isEqualTo(400);
        assertThat(full.getHeight()).isEqualTo(200);
    }

    @Test
    void jpegPhotosComeBackAsJpegAndV7PathsWithTheExtensionMarkerWork() throws IOException {
        String account = newAccount();
        String uid = start(account);
        step(account, uid, BILLING_SCREEN);
        acmeIvr().contentType("image/jpeg").body(image(90, 300, "jpeg"))
                .queryParam("screen_id", "billing").queryParam("element_id", "receipt")
                .queryParam("img_path", "/mnt/sdcard/i42.jpg")
                .when().post(base(account) + "/interactions/" + uid + "/photos").then().statusCode(201);

        byte[] scaled = acmeAgent().urlEncodingEnabled(false).queryParam("maxSize", "100")
                .when().get(base(account) + "/photo/" + uid + "/%252Fmnt%252Fsdcard%252Fi42@@@@@jpg")
                .then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(scaled));
        assertThat(image.getHeight()).isEqualTo(100);
        assertThat(image.getWidth()).isEqualTo(30);
    }

    @Test
    void photoErrorsNameTheParameter() {
        String account = newAccount();
        String uid = billingInteraction(account);
        String photo = base(account) + "/photo/" + uid + "/" + DEVICE_PATH.replace("/", "%252F");

        acmeAgent().urlEncodingEnabled(false).when().get(photo)
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("missing or invalid parameter maxSize")).body("errors[0].field", equalTo("maxSize"));
        acmeAgent().urlEncodingEnabled(false).queryParam("maxSize", "zero").when().get(photo)
                .then().statusCode(400).body("errors[0].field", equalTo("maxSize"));
        acmeAgent().urlEncodingEnabled(false).queryParam("maxSize", "60")
                .when().get(base(account) + "/photo/not-a-uid/%252Fx")
                .then().statusCode(400).body("errors[0].field", equalTo("uid"));
        acmeAgent().urlEncodingEnabled(false).queryParam("maxSize", "60")
                .when().get(base(account) + "/photo/" + uid + "/%252Fno%252Fsuch%252Fphoto")
                .then().statusCode(404).contentType(PROBLEM).body("detail", equalTo("photo was not found"));
        acmeAgent().urlEncodingEnabled(false).queryParam("maxSize", "60")
                .when().get(base(account) + "/photo/000001/%252Fx")
                .then().statusCode(404).body("detail", equalTo("photo was not found"));
    }

    @Test
    void anotherPartnerOrAccountSeesNothing() {
        String account = newAccount();
        String uid = billingInteraction(account, """
                {"dialled_number": "1-800-123-4567", "caller_attributes": {"call_return_number": "2125550123"}}""");
        String encoded = DEVICE_PATH.replace("/", "%252F");
        List<String> reads = List.of("/uniqueId/dtmf/" + uid, "/uniqueId/callReturn/2125550123",
                "/interactiondata/" + uid + "/fullFlow", "/interactiondata/" + uid + "/summary",
                "/interactiondata/" + uid + "/variableSet/customerInfoSet",
                "/interactiondata/2125550123/fullFlow/byCallerAttribute",
                "/interactiondata/2125550123/summary/byCallerAttribute?widerSearch=true",
                "/interactiondata/2125550123/variableSet/customerInfoSet/byCallerAttribute",
                "/photo/" + uid + "/" + encoded + "?maxSize=60");
        String otherAccount = base(newAccount());
        for (String read : reads) {
            as(HistoryFixtures.GLOBEX_AGENT, "globex").urlEncodingEnabled(false).when().get(base(account) + read)
                    .then().statusCode(404).contentType(PROBLEM);
            acmeAgent().urlEncodingEnabled(false).when().get(otherAccount + read)
                    .then().statusCode(404).contentType(PROBLEM);
            acmeAgent().urlEncodingEnabled(false).when().get(base(account) + read).then().statusCode(200);
        }
    }

    @Test
    void readsNeedAToken_aContactCenterRole_andTheCallersTenant() {
        String account = newAccount();
        String uid = billingInteraction(account);
        String flow = base(account) + "/interactiondata/" + uid + "/fullFlow";

        given().header("Tenant-Id", "acme").when().get(flow).then().statusCode(401).contentType(PROBLEM);
        as(TestTokens.bearer("acme", "offline_access"), "acme").when().get(flow).then().statusCode(403).contentType(PROBLEM);
        as(HistoryFixtures.AGENT, "globex").when().get(flow)
                .then().statusCode(403).contentType(PROBLEM).body("errors[0].field", equalTo("Tenant-Id"));
        as(HistoryFixtures.AGENT, null).when().get(flow)
                .then().statusCode(403).body("errors[0].field", equalTo("Tenant-Id"));
        acmeAgent().when().get("/interact/agent/version/2/account/" + "x".repeat(65) + "/interactiondata/" + uid + "/fullFlow")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("accountID"));
        acmeAgent().when().get("/interact/agent/version/latest/account/" + account + "/interactiondata/" + uid + "/fullFlow")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("version"));
        for (String role : List.of("agent", "enhanced-agent", "supervisor", "admin", "system")) {
            as(TestTokens.bearer("acme", role), "acme").when().get(flow).then().statusCode(200);
        }
        given().when().get("/q/health").then().statusCode(200);
    }
}
