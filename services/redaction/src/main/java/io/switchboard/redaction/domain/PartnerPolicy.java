package io.switchboard.redaction.domain;

import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a partner set up for redaction: which built-in types are redacted, how a redacted entity is written,
 * its custom entities (always redacted), its intents and the languages its messages are in ({@link Languages};
 * empty: the service's configured default set). {@link #defaults()}: every built-in type, {@code ****TYPE****},
 * nothing custom, the default languages — what a partner that set nothing gets.
 */
public record PartnerPolicy(Set<String> redactedTypes, MaskStyle maskStyle, List<CustomEntity> customEntities,
                            List<Intent> intents, List<String> languages) {
    public PartnerPolicy {
        redactedTypes = Set.copyOf(redactedTypes);
        customEntities = List.copyOf(customEntities);
        intents = List.copyOf(intents);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    /** A policy with the service's default languages. */
    public PartnerPolicy(Set<String> redactedTypes, MaskStyle maskStyle, List<CustomEntity> customEntities,
                         List<Intent> intents) {
        this(redactedTypes, maskStyle, customEntities, intents, List.of());
    }

    public static PartnerPolicy defaults() {
        return new PartnerPolicy(Set.copyOf(EntityTypes.BUILT_IN), MaskStyle.LABEL, List.of(), List.of());
    }

    /** Whether an entity of {@code type} is redacted: a redacted built-in type, or any custom label. */
    public boolean redacts(String type) {
        return redactedTypes.contains(type) || !EntityTypes.isBuiltIn(type) || Analysis.UNANALYSED.equals(type);
    }

    /** The redacted types an admin asked for: built-in types only, each once (the order of the API's table). */
    public static Set<String> redactedTypes(List<String> requested) {
        if (requested == null) {
            throw new InvalidCommandException("redacted_types", "redacted_types is required (an empty list redacts no built-in type)");
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i);
            if (type == null || !EntityTypes.BUILT_IN.contains(type)) {
                throw new InvalidCommandException("redacted_types[" + i + "]",
                        "each redacted type is one of " + EntityTypes.BUILT_IN);
            }
            types.add(type);
        }
        Set<String> ordered = new LinkedHashSet<>();
        EntityTypes.BUILT_IN.stream().filter(types::contains).forEach(ordered::add);
        return ordered;
    }

    public static MaskStyle maskStyle(String requested) {
        if (requested == null) {
            return MaskStyle.LABEL;
        }
        return io.switchboard.events.WireEnum.find(MaskStyle.class, requested).orElseThrow(() ->
                new InvalidCommandException("mask_style", "mask_style is one of label, brackets, stars, same_length"));
    }
}
