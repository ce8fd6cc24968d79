package io.switchboard.reporting.dataapi.graphql;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.web.RetryLaterException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Each partner's budget of query cost: what a query costs, that it is charged, 429 when spent, 400 when never affordable. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class QueryCostTest {
    private static final String BY_AGENT = "/api/partners/%s/data/conversationdata/getConversationsByAgent";
    /** 1 + 10 × (edges 1 + (node 1 + conversationId 1)) = 31 points. */
    private static final String SMALL = "{ getConversationsByAgent(agentId: \"1\", first: 10) { edges { node { conversationId } } } }";
    /** 1 + 100 × (1 + (1 + (1 + (1 + 200 × 1)))) = 20,401 points. */
    private static final String LARGE = "{ getConversationsByAgent(agentId: \"1\", first: 100) { edges { node { conversationId"
            + " messages(first: 200) { text } } } } }";

    private static RequestSpecification supervisor(String partner) {
        return given().auth().oauth2(TestTokens.agent(partner, 900, "supervisor")).header("x-cp-partner-id", partner)
                .contentType(ContentType.JSON);
    }

    private static String partner() {
        return "cost-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void everyAnswerSaysWhatTheQueryCostAndWhatIsLeft() {
        String partner = partner();
        supervisor(partner).body(Map.of("query", SMALL)).post(BY_AGENT.formatted(partner)).then().statusCode(200)
                .body("extensions.cost.requestedQueryCost", equalTo(31))
                .body("extensions.cost.maximumAvailable", equalTo(50_000))
                .body("extensions.cost.restoreRate", equalTo(2_500))
                .body("extensions.cost.currentlyAvailable", equalTo(50_000 - 31))
                .body("extensions.watermark.caughtUp", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(TestTokens.agent(partner, 900, "supervisor")).contentType(ContentType.JSON)
                .body(Map.of("query", LARGE)).post("/graphql").then().statusCode(200)
                .body("extensions.cost.requestedQueryCost", equalTo(20_401));
    }

    @Test
    void aPartnerWhoSpentItsBudgetWaits_429WithRetryAfter_andAnotherPartnerDoesNot() {
        String partner = partner();
        Response refused = null;
        // 20,401 points a query, 2,500 back a second: the third query within eight seconds cannot be paid for.
        for (int i = 0; i < 20 && refused == null; i++) {
            Response answer = supervisor(partner).body(Map.of("query", LARGE)).post(BY_AGENT.formatted(partner));
            if (answer.statusCode() == 429) {
                refused = answer;
            } else {
                assertThat(answer.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("a 429 once the budget is spent").isNotNull();
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 9L);
        assertThat(refused.jsonPath().getString("detail")).contains("costs 20401 points");

        String other = partner();
        supervisor(other).body(Map.of("query", LARGE)).post(BY_AGENT.formatted(other)).then().statusCode(200);
    }

    @Test
    void aQueryOverTheWholeBudgetIsRefusedNamingTheQuery() {
        String partner = partner();
        String three = "{ a: getConversationsByAgent(agentId: \"1\", first: 100) { edges { node { messages(first: 200) { text } } } }"
                + " b: getConversationsByAgent(agentId: \"1\", first: 100) { edges { node { messages(first: 200) { text } } } }"
                + " c: getConversationsByAgent(agentId: \"1\", first: 100) { edges { node { messages(first: 200) { text } } } } }";
        supervisor(partner).body(Map.of("query", three)).post("/graphql").then().statusCode(200)
                .body("errors[0].message", containsString("at most 50000"));
        String one = "{ getConversationsByAgent(agentId: \"1\", first: 100) { edges { node { a: messages(first: 200) { text }"
                + " b: messages(first: 200) { text } c: messages(first: 200) { text } } } } }";
        supervisor(partner).body(Map.of("query", one)).post(BY_AGENT.formatted(partner)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("query"))
                .body("detail", containsString("at most 50000"));
    }

    @Test
    void theBudgetRefillsWithTime_plainJava() {
        CostBudget budget = new CostBudget(new CostBudget.Settings() {
            public long capacity() {
                return 100;
            }

            public long restorePerSecond() {
                return 1;
            }
        });
        assertThat(budget.spend("p", 60).available()).isEqualTo(40);
        assertThatThrownBy(() -> budget.spend("p", 60)).isInstanceOfSatisfying(RetryLaterException.class,
                e -> assertThat(Duration.ofSeconds(e.retryAfterSeconds())).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20)));
        assertThat(budget.spend("q", 100).available()).isZero();
        assertThatThrownBy(() -> budget.spend("p", 101)).isInstanceOf(CostBudget.TooCostly.class);
    }
}
