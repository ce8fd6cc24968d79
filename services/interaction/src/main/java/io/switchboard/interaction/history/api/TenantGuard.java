package io.switchboard.interaction.history.api;

import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.PartnerContext;
import jakarta.enterprise.context.RequestScoped;

import java.util.regex.Pattern;

/**
 * Maps the Interaction History API's tenancy onto Switchboard's: the caller is the bearer token's
 * partner; the {@code Tenant-Id} header must name that same partner (a client cannot address
 * another tenant by changing a header), and {@code accountID} is one of the partner's accounts,
 * which partitions the data further. {@code Application-Key} and {@code Environment-Name} are
 * accepted and ignored: the token already identifies the caller.
 */
@RequestScoped
public class TenantGuard {
    public static final String TENANT_ID = "Tenant-Id";
    private static final Pattern VERSION = Pattern.compile("v?[0-9]{1,3}");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final PartnerContext partner;

    public TenantGuard(PartnerContext partner) {
        this.partner = partner;
    }

    /** The caller's partner, once the headers and the path's version and account are in order. */
    public String partnerFor(String version, String accountId, String tenantId) {
        String partnerId = partner.partnerId();
        if (tenantId == null || tenantId.isBlank()) {
            throw HistoryProblem.forbidden(TENANT_ID, "the Tenant-Id header is required and must name the caller's partner");
        }
        if (!tenantId.equals(partnerId)) {
            throw HistoryProblem.forbidden(TENANT_ID, "Tenant-Id '" + tenantId + "' is not the caller's partner");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new InvalidCommandException("version", "version is a protocol version such as 2 or v2");
        }
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw new InvalidCommandException("accountID", "accountID is 1 to 64 letters, digits, _ . or -");
        }
        return partnerId;
    }
}
