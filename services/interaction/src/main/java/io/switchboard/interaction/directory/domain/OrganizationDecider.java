package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.UnhandledCommandException;
import io.switchboard.interaction.directory.domain.OrganizationCommand.UpdateOrganization;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The partner's organization settings ({@code settings/organization}). The stream belongs to one
 * partner, so the decider starts from that partner's defaults; an update that changes nothing
 * appends nothing.
 */
public final class OrganizationDecider implements Decider<OrganizationCommand, Organization, DomainEvent> {
    /** BCP 47 as clients send it: {@code en}, {@code en-US}, {@code zh-Hant-TW}. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    private static final int TIME_ZONE_MAX = 64;

    private final String partnerId;

    public OrganizationDecider(String partnerId) {
        this.partnerId = partnerId;
    }

    @Override
    public Organization initialState() {
        return Organization.defaults(partnerId);
    }

    @Override
    public List<DomainEvent> decide(OrganizationCommand command, Organization organization) {
        if (!(command instanceof UpdateOrganization update)) {
            throw new UnhandledCommandException(command);
        }
        String name = update.name() == null ? organization.name() : Checks.requireText(update.name().value(), "name");
        String timeZone = update.timeZone() == null ? organization.timeZone() : timeZone(update.timeZone().value());
        String language = update.language() == null ? organization.language() : language(update.language().value());
        Checks.Changes changes = new Checks.Changes();
        changes.add("name", organization.name(), name);
        changes.add("time_zone", organization.timeZone(), timeZone);
        changes.add("language", organization.language(), language);
        return changes.isEmpty() ? List.of()
                : List.of(new OrganizationUpdated(name, timeZone, language, changes.list(), update.byUserId(), update.now()));
    }

    @Override
    public Organization evolve(Organization organization, DomainEvent event) {
        if (event instanceof OrganizationUpdated u) {
            return new Organization(organization.partnerId(), u.name(), u.timeZone(), u.language(), u.updatedAt());
        }
        return organization;
    }

    /** An IANA zone ({@code America/New_York}) or {@code UTC}; stored in its canonical spelling. */
    static String timeZone(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException("time_zone", "time_zone is required");
        }
        if (value.length() > TIME_ZONE_MAX) {
            throw new InvalidCommandException("time_zone", "time_zone is at most " + TIME_ZONE_MAX + " characters");
        }
        try {
            return ZoneId.of(value.strip()).getId();
        } catch (DateTimeException e) {
            throw new InvalidCommandException("time_zone", "time_zone must be an IANA time zone, e.g. America/New_York");
        }
    }

    static String language(String value) {
        if (value == null || !LANGUAGE.matcher(value.strip()).matches()) {
            throw new InvalidCommandException("language", "language must be a BCP 47 language tag, e.g. en or en-US");
        }
        return value.strip();
    }
}
