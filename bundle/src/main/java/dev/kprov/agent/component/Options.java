package dev.kprov.agent.component;

import java.util.Locale;
import java.util.function.Supplier;

import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.system.SystemService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's settings, validated, with the identity defaults of PROTOCOL.md section 3 filled in.
 * Immutable. When the agent is disabled or already provisioned nothing beyond those two switches is read
 * or checked: an unfinished setting must not stop a gateway from showing as disabled.
 */
public final class Options {

    private static final Logger logger = LoggerFactory.getLogger(Options.class);

    static final int MAX_NAME_LENGTH = 255;
    private static final int MQTT_3_1_CLIENT_ID_LENGTH = 23;

    private final boolean enabled;
    private final boolean provisioned;
    private final boolean caAuthentication;
    private final BrokerAddress broker;
    private final String accountName;
    private final String clientId;
    private final String username;
    private final Secret password;
    private final Secret activationKey;
    private final int timeoutSeconds;
    private final int retryIntervalSeconds;
    private final int retryMaxAttempts;

    private Options(boolean enabled, boolean provisioned) {
        this(enabled, provisioned, true, null, null, null, null, null, null, 0, 0, 0);
    }

    private Options(boolean enabled, boolean provisioned, boolean caAuthentication, BrokerAddress broker,
            String accountName, String clientId, String username, Secret password, Secret activationKey,
            int timeoutSeconds, int retryIntervalSeconds, int retryMaxAttempts) {
        this.enabled = enabled;
        this.provisioned = provisioned;
        this.caAuthentication = caAuthentication;
        this.broker = broker;
        this.accountName = accountName;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.activationKey = activationKey;
        this.timeoutSeconds = timeoutSeconds;
        this.retryIntervalSeconds = retryIntervalSeconds;
        this.retryMaxAttempts = retryMaxAttempts;
    }

    /**
     * Validates the settings. Passwords are decrypted once to prove they can be, and the clear text is
     * wiped at once: {@link Secret} decrypts again where it is used.
     *
     * @throws InvalidSettingException naming the first setting that cannot be used
     */
    static Options parse(ProvisioningConfig config, CryptoService crypto, SystemService system)
            throws InvalidSettingException {
        boolean enabled = read("enabled", config::enabled);
        boolean provisioned = read("provisioned", config::provisioned);
        if (!enabled || provisioned) {
            return new Options(enabled, provisioned);
        }
        boolean caAuthentication = read("ca-authentication", config::ca$_$authentication);
        BrokerAddress broker = BrokerAddress.parse(text(BrokerAddress.SETTING, config::broker$_$url));
        String accountName = topicLevel("account-name", text("account-name", config::account$_$name).trim());
        String clientId = clientId(text("client-id", config::client$_$id).trim(), system);
        String username = username(text("username", config::username).trim(), clientId, system);
        Secret password = Secret.parse("password", text("password", config::password), crypto);
        Secret activationKey = Secret.parse("activation-key", text("activation-key", config::activation$_$key),
                crypto);
        int timeout = range("timeout", read("timeout", config::timeout), 1, 3600);
        int retryInterval = range("retry-interval", read("retry-interval", config::retry$_$interval), 1, 86400);
        int retryMaxAttempts = range("retry-max-attempts", read("retry-max-attempts", config::retry$_$max$_$attempts),
                -1, 1_000_000);
        if (retryMaxAttempts == 0) {
            throw new InvalidSettingException("retry-max-attempts",
                    "0 would never try; use -1 to keep trying, or a positive number of attempts");
        }
        return new Options(true, false, caAuthentication, broker, accountName, clientId, username, password,
                activationKey, timeout, retryInterval, retryMaxAttempts);
    }

    /** SCR converts values lazily: a value of the wrong type surfaces here, named. */
    private static <T> T read(String setting, Supplier<T> getter) throws InvalidSettingException {
        try {
            return getter.get();
        } catch (RuntimeException e) {
            throw new InvalidSettingException(setting, "has a value of the wrong type");
        }
    }

    private static String text(String setting, Supplier<String> getter) throws InvalidSettingException {
        String value = read(setting, getter);
        return value == null ? "" : value;
    }

    private static int range(String setting, int value, int min, int max) throws InvalidSettingException {
        if (value < min || value > max) {
            throw new InvalidSettingException(setting,
                    "must be between " + min + " and " + max + " (is " + value + ")");
        }
        return value;
    }

    /** Account name and client id are MQTT topic levels (PROTOCOL.md section 3). */
    private static String topicLevel(String setting, String value) throws InvalidSettingException {
        if (value.isEmpty()) {
            throw new InvalidSettingException(setting, "is empty");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new InvalidSettingException(setting, "is longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                throw new InvalidSettingException(setting,
                        "may not contain '/', '+' or '#', since it becomes a topic level (is '" + value + "')");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidSettingException(setting, "may not contain control characters");
            }
        }
        return value;
    }

    private static String clientId(String configured, SystemService system) throws InvalidSettingException {
        String clientId = configured;
        if (clientId.isEmpty()) {
            String mac = known(system.getPrimaryMacAddress());
            if (mac == null) {
                throw new InvalidSettingException("client-id",
                        "is empty and the gateway reports no primary MAC address to derive it from; enter one");
            }
            clientId = mac.replace(":", "").toUpperCase(Locale.ROOT);
        }
        topicLevel("client-id", clientId);
        if (clientId.length() > MQTT_3_1_CLIENT_ID_LENGTH) {
            logger.warn("{}: client-id '{}' is longer than {} characters; some MQTT brokers refuse such ids",
                    ProvisioningService.PID, clientId, MQTT_3_1_CLIENT_ID_LENGTH);
        }
        return clientId;
    }

    private static String username(String configured, String clientId, SystemService system)
            throws InvalidSettingException {
        if (!configured.isEmpty()) {
            if (configured.length() > MAX_NAME_LENGTH) {
                throw new InvalidSettingException("username", "is longer than " + MAX_NAME_LENGTH + " characters");
            }
            return configured;
        }
        String serial = known(system.getSerialNumber());
        if (serial == null) {
            throw new InvalidSettingException("username",
                    "is empty and the gateway reports no serial number to derive it from; enter one");
        }
        return clientId + "-" + serial;
    }

    /** Kura answers "UNKNOWN" where it could not read a value; no identity can be built on that. */
    private static String known(String value) {
        if (value == null || value.trim().isEmpty() || value.trim().equalsIgnoreCase("UNKNOWN")) {
            return null;
        }
        return value.trim();
    }

    /** True when the agent has work to do: enabled and not yet provisioned. */
    public boolean wantsRun() {
        return enabled && !provisioned;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean provisioned() {
        return provisioned;
    }

    // The accessors below are meaningful only when wantsRun() is true.

    public boolean caAuthentication() {
        return caAuthentication;
    }

    public BrokerAddress broker() {
        return broker;
    }

    public String accountName() {
        return accountName;
    }

    public String clientId() {
        return clientId;
    }

    public String username() {
        return username;
    }

    public Secret password() {
        return password;
    }

    public Secret activationKey() {
        return activationKey;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public int retryIntervalSeconds() {
        return retryIntervalSeconds;
    }

    /** -1 means no limit. */
    public int retryMaxAttempts() {
        return retryMaxAttempts;
    }

    @Override
    public String toString() {
        if (!wantsRun()) {
            return "Options[enabled=" + enabled + ", provisioned=" + provisioned + "]";
        }
        return "Options[client-id=" + clientId + ", account-name=" + accountName + ", broker=" + broker + "]";
    }
}
