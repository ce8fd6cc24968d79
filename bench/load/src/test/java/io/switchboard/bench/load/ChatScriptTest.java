package io.switchboard.bench.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ChatScriptTest {
    private static final String FINISHED = """
            {"id": 9, "status": "finished", "agent": {"id": 201}, "all_agents": [{"id": 201}],
             "all_virtual_agents": [{"id": 31}]}""";
    private final FakeSim sim = new FakeSim();
    private final Partner partner = FakeSim.partner(2, 2);

    private List<Command> run(ChatScript script, Function<Command, Answer> answers) {
        List<Command> sent = new ArrayList<>();
        while (true) {
            Script.Step step = script.next(sim);
            if (step instanceof Script.Done) {
                return sent;
            }
            if (step instanceof Script.Sleep sleep) {
                sim.now = Math.max(sim.now, sleep.untilNanos());
                continue;
            }
            Command command = ((Script.Send) step).command();
            sent.add(command);
            script.answered(command, answers.apply(command), sim);
            if (script.done()) {
                return sent;
            }
            sim.now = script.pauseAfterAnswer(sim).untilNanos();
        }
    }

    @Test
    void aChatGoesFromTheBotThroughAnEscalationToTheAgentTheRouterChose() {
        ChatScript script = new ChatScript(partner, new ChatScript.Plan(1, true, 1), "k-");
        int[] reads = {0};
        List<Command> sent = run(script, command -> switch (command.kind()) {
            case "chat.create" -> FakeSim.answer(201, "{\"id\": 9, \"status\": \"queued\"}");
            case "chat.read" -> FakeSim.answer(200, switch (++reads[0]) {
                case 1 -> "{\"id\": 9, \"status\": \"queued\"}";
                case 2 -> "{\"id\": 9, \"status\": \"va_assigned\", \"virtual_agent\": {\"id\": 31}}";
                case 3 -> "{\"id\": 9, \"status\": \"va_assigned\"}";
                default -> "{\"id\": 9, \"status\": \"assigned\", \"agent\": {\"id\": 201}}";
            });
            case "chat.finish" -> FakeSim.answer(200, FINISHED);
            default -> FakeSim.answer(200, "{}");
        });

        assertThat(sent).extracting(Command::kind).containsExactly("chat.create", "chat.message", "chat.read", "chat.read",
                "chat.message", "chat.message", "chat.escalate", "chat.read", "chat.read", "chat.message", "chat.message",
                "chat.finish");
        assertThat(sent.get(0).body()).contains("\"menu_id\":22");
        assertThat(sent.get(0).idempotencyKey()).isEqualTo("k-create");
        assertThat(sent).filteredOn(c -> c.kind().equals("chat.message")).extracting(Command::idempotencyKey)
                .containsExactly("k-m1", "k-m2", "k-m3", "k-m4", "k-m5");
        assertThat(sent.get(5).body()).startsWith("{\"from_user_id\":31,"); // the bot, named by a system caller
        assertThat(sent.get(5).as().username()).startsWith("sys");
        assertThat(sent.get(10).as().username()).isEqualTo("c1"); // the agent with its own token, as itself
        assertThat(sent.get(10).body()).doesNotContain("from_user_id");
        assertThat(sent.get(11).as().username()).isEqualTo("c1");
        assertThat(sent.get(11).method()).isEqualTo("PATCH");
        assertThat(sent.get(11).body()).isEqualTo("{\"chat\":{\"status\":\"finished\"}}");
        assertThat(sim.expectations.chats()).containsExactly(new Expectations.Chat("p1", 9, "finished", 5, 2, 201L));
        assertThat(partner.activeChats).isZero();
    }

    @Test
    void aMessageRetriedAfterAnAnswerThatNeverCameKeepsItsKey() {
        ChatScript script = new ChatScript(partner, new ChatScript.Plan(1, false, 1), "k-");
        Command create = ((Script.Send) script.next(sim)).command();
        script.answered(create, FakeSim.answer(201, "{\"id\": 9}"), sim);
        Command first = ((Script.Send) script.next(sim)).command();
        // The driver resends the same command object; a script asked again before an answer names the same key.
        assertThat(((Script.Send) script.next(sim)).command().idempotencyKey()).isEqualTo(first.idempotencyKey());
        script.answered(first, FakeSim.uncertainRetryAnswer(200, "{}"), sim);
        Command read = ((Script.Send) script.next(sim)).command();
        assertThat(read.kind()).isEqualTo("chat.read");
    }

    @Test
    void aChatTheChatServiceDoesNotKnowTheMenuOfYetIsCreatedAgainWithTheSameKey() {
        ChatScript script = new ChatScript(partner, new ChatScript.Plan(1, false, 1), "k-");
        Command create = ((Script.Send) script.next(sim)).command();
        script.answered(create, FakeSim.answer(400, "{\"errors\": [{\"field\": \"chat.menu_id\"}]}"), sim);
        Script.Sleep pause = script.pauseAfterAnswer(sim);
        assertThat(pause.untilNanos() - sim.now).isEqualTo(500_000_000L);
        sim.now = pause.untilNanos();
        Command again = ((Script.Send) script.next(sim)).command();
        assertThat(again.idempotencyKey()).isEqualTo("k-create");
        assertThat(again.body()).as("the same request under the same key").isEqualTo(create.body());
    }

    @Test
    void aChatTheRouterNeverHandsToTheBotIsFinishedAfterThePatienceAndReported() {
        sim.config = sim.config.routingPatience(java.time.Duration.ofSeconds(2));
        ChatScript script = new ChatScript(partner, new ChatScript.Plan(1, true, 1), "k-");
        List<Command> sent = run(script, command -> switch (command.kind()) {
            case "chat.create" -> FakeSim.answer(201, "{\"id\": 9}");
            case "chat.read" -> FakeSim.answer(200, "{\"id\": 9, \"status\": \"queued\"}");
            case "chat.finish" -> FakeSim.answer(200, "{\"id\": 9, \"status\": \"finished\", \"all_agents\": [], \"all_virtual_agents\": []}");
            default -> FakeSim.answer(200, "{}");
        });
        assertThat(sent.get(sent.size() - 1).kind()).isEqualTo("chat.finish");
        assertThat(sent.get(sent.size() - 1).as().username()).startsWith("sys");
        assertThat(sent).filteredOn(c -> c.kind().equals("chat.read")).hasSizeBetween(5, 7); // 2 s of 400 ms polls
        assertThat(sim.expectations.uncertain()).singleElement().asString().contains("not with the bot");
        assertThat(sim.expectations.chats()).containsExactly(new Expectations.Chat("p1", 9, "finished", 1, 0, null));
    }

    @Test
    void windingDownFinishesAnOpenChatAtOnce() {
        ChatScript script = new ChatScript(partner, new ChatScript.Plan(2, true, 2), "k-");
        Command create = ((Script.Send) script.next(sim)).command();
        script.answered(create, FakeSim.answer(201, "{\"id\": 9}"), sim);
        sim.windingDown = true;
        Command finish = ((Script.Send) script.next(sim)).command();
        assertThat(finish.kind()).isEqualTo("chat.finish");
    }

    @Test
    void aMessageThatMayHaveLandedWithoutAnAnswerMakesTheMessageCountUnknownNotWrong() {
        ChatScript script = new ChatScript(partner, new ChatScript.Plan(1, false, 1), "k-");
        Command create = ((Script.Send) script.next(sim)).command();
        script.answered(create, FakeSim.answer(201, "{\"id\": 9}"), sim);
        Command message = ((Script.Send) script.next(sim)).command();
        script.answered(message, new Answer(-1, null, null, new java.net.http.HttpTimeoutException("timed out"), 5, 6, 9, true), sim);
        Command finish = ((Script.Send) script.next(sim)).command();
        assertThat(finish.kind()).isEqualTo("chat.finish");
        script.answered(finish, FakeSim.answer(200, "{\"id\": 9, \"status\": \"finished\"}"), sim);
        assertThat(sim.expectations.chats()).isEmpty();
        assertThat(sim.expectations.uncertain()).anySatisfy(u -> assertThat(u).contains("message count unknown"));
    }
}
