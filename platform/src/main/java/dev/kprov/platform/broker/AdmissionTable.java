package dev.kprov.platform.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.kprov.platform.request.AccountCredentials;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * Who may connect to the embedded broker right now, and where each may publish and subscribe: an
 * immutable snapshot that the platform replaces whenever a request or a job changes, so that the
 * broker's threads read it without locks.
 *
 * <ul>
 * <li>the platform's responder: {@code $EDC/{account}/+/PROV-V1/#};</li>
 * <li>a device with the credentials of a provision request: {@code $EDC/{account}/{client-id}/#};</li>
 * <li>a device with the account credentials of a package already delivered:
 * {@code $EDC/{account.name}/{client-id}/#} and {@code {account.name}/{client-id}/#} (Kura's data topics).</li>
 * </ul>
 */
public final class AdmissionTable {

    /** The platform's own client, with random credentials made at start. */
    public record Internal(String clientId, String username, byte[] password) {
        @Override
        public String toString() {
            return "Internal[" + clientId + "]";
        }
    }

    /**
     * A delivered account connection, the account it belongs to, and the client id of the provision
     * request that delivered it (the account client id may differ).
     */
    public record Account(AccountCredentials credentials, String accountName, String requestClientId) {
    }

    private final String provisionAccount;
    private final Internal internal;
    private final Map<String, ProvisionRequestSpec> requests;
    private final Map<String, Account> accounts;

    /**
     * @param requests provision requests by client id
     * @param accounts delivered account connections by their client id
     */
    public AdmissionTable(String provisionAccount, Internal internal, Map<String, ProvisionRequestSpec> requests,
            Map<String, Account> accounts) {
        this.provisionAccount = provisionAccount;
        this.internal = internal;
        this.requests = Map.copyOf(requests);
        this.accounts = Map.copyOf(accounts);
    }

    /** This table with other requests and accounts. */
    public AdmissionTable with(Map<String, ProvisionRequestSpec> newRequests, Map<String, Account> newAccounts) {
        return new AdmissionTable(provisionAccount, internal, newRequests, newAccounts);
    }

    /**
     * The topic scopes of the identity these credentials prove; empty when they prove none (refused).
     */
    java.util.Optional<List<TopicScope>> admit(String clientId, String username, byte[] password) {
        if (clientId == null || username == null || password == null) {
            return java.util.Optional.empty();
        }
        if (isInternal(clientId, username)) {
            return java.security.MessageDigest.isEqual(internal.password, password)
                    ? java.util.Optional.of(List.of(new TopicScope("$EDC/" + provisionAccount + "/+/PROV-V1/#")))
                    : java.util.Optional.empty();
        }
        List<TopicScope> scopes = new ArrayList<>(3);
        ProvisionRequestSpec request = requests.get(clientId);
        if (request != null && request.username().equals(username) && request.passwordMatches(password)) {
            scopes.add(new TopicScope("$EDC/" + provisionAccount + "/" + clientId + "/#"));
        }
        Account account = accounts.get(clientId);
        if (account != null && account.credentials().username().equals(username)
                && account.credentials().passwordMatches(password)) {
            scopes.add(new TopicScope("$EDC/" + account.accountName() + "/" + clientId + "/#"));
            scopes.add(new TopicScope(account.accountName() + "/" + clientId + "/#"));
        }
        return scopes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(List.copyOf(scopes));
    }

    /**
     * The delivered account connection a connected (so already authenticated) client used, if it is one.
     */
    public java.util.Optional<Account> accountSession(String clientId, String username) {
        Account account = accounts.get(clientId);
        return account != null && account.credentials().username().equals(username) ? java.util.Optional.of(account)
                : java.util.Optional.empty();
    }

    /** Whether these are the platform's own responder's client id and user name (its password aside). */
    boolean isResponder(String clientId, String username) {
        return isInternal(clientId, username);
    }

    private boolean isInternal(String clientId, String username) {
        return internal != null && internal.clientId.equals(clientId) && internal.username.equals(username);
    }
}
