package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory a fixed partner's runs share (teams, menus, the bot, the agents' ids in the interaction
 * service), remembered in {@code $SWITCHBOARD_STATE/demo/<partner>-directory.json} so that the next run
 * reuses it instead of adding another set of agents and menus every time the demo starts. It lives in the
 * state folder, next to the data it names: a fresh {@code .state} starts a fresh directory.
 */
record DemoDirectory(String partner, long voiceTeam, long chatTeam, long virtualAgent, long voiceMenu, long chatMenu,
                     List<Long> voiceAgents, List<Long> chatAgents) {

    DemoDirectory {
        voiceAgents = List.copyOf(voiceAgents);
        chatAgents = List.copyOf(chatAgents);
    }

    static Path file(Path stateDir, String partner) {
        return stateDir.resolve("demo").resolve(partner + "-directory.json");
    }

    static Optional<DemoDirectory> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.read(Files.readString(file));
            if (!json.path("partner").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new DemoDirectory(json.path("partner").asText(), json.path("voiceTeam").asLong(),
                    json.path("chatTeam").asLong(), json.path("virtualAgent").asLong(), json.path("voiceMenu").asLong(),
                    json.path("chatMenu").asLong(), ids(json.path("voiceAgents")), ids(json.path("chatAgents"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void save(Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("partner", partner);
        json.put("voiceTeam", voiceTeam);
        json.put("chatTeam", chatTeam);
        json.put("virtualAgent", virtualAgent);
        json.put("voiceMenu", voiceMenu);
        json.put("chatMenu", chatMenu);
        json.put("voiceAgents", voiceAgents);
        json.put("chatAgents", chatAgents);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.write(json) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    DemoDirectory withAgents(List<Long> voice, List<Long> chat) {
        return new DemoDirectory(partner, voiceTeam, chatTeam, virtualAgent, voiceMenu, chatMenu, voice, chat);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asLong()));
        return ids;
    }
}
