package io.switchboard.chat.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.chat.domain.ChatCommand.AttachCustomData;
import io.switchboard.chat.domain.ChatCommand.CustomField;
import io.switchboard.chat.store.ChatStore;
import io.switchboard.chat.store.CompanySecrets;
import io.switchboard.chat.store.SignedDataUses;
import io.switchboard.eventstore.EventContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Custom data onto a chat, plain or signed with the partner's company secret (HS256, bounded lifetime,
 * single use, optionally bound to the chat: {@link SignedCustomData}). A bad signature, an expired,
 * over-long-lived or other chat's token or a missing secret is 401; a token used before is 409; nothing
 * is stored then.
 */
@ApplicationScoped
public class CustomDataIntake {
    private final ChatStore chats;
    private final CompanySecrets secrets;
    private final SignedDataUses uses;
    private final Clock clock;
    private final Duration maxLifetime;

    public CustomDataIntake(ChatStore chats, CompanySecrets secrets, SignedDataUses uses, Clock clock,
                            @ConfigProperty(name = "switchboard.chat.signed-data.max-lifetime", defaultValue = "PT10M")
                            Duration maxLifetime) {
        this.chats = chats;
        this.secrets = secrets;
        this.uses = uses;
        this.clock = clock;
        this.maxLifetime = maxLifetime;
    }

    Uni<Void> attach(String partnerId, long chatId, Map<String, CustomField> fields) {
        return attach(partnerId, chatId, false, fields);
    }

    Uni<Void> attachSigned(String partnerId, long chatId, String signedData) {
        return secrets.of(partnerId)
                .map(secret -> SignedCustomData.verify(signedData, secret.orElseThrow(() ->
                        new SignedCustomData.InvalidSignedData("no company secret is set for this partner")),
                        maxLifetime, chatId))
                .flatMap(verified -> uses.use(partnerId, verified.tokenId(), chatId, verified.acceptableUntil())
                        .flatMap(first -> {
                            if (!first) {
                                throw new SignedCustomData.ReplayedSignedData();
                            }
                            // Data refused (unknown chat, invalid field) was not used: the token stays usable.
                            return attach(partnerId, chatId, true, verified.fields()).onFailure().call(failure ->
                                    uses.forget(partnerId, verified.tokenId()));
                        }));
    }

    private Uni<Void> attach(String partnerId, long chatId, boolean signed, Map<String, CustomField> fields) {
        return chats.handle(partnerId, chatId, new AttachCustomData(signed, fields,
                WireTime.now(clock)), EventContext.none()).replaceWithVoid();
    }
}
