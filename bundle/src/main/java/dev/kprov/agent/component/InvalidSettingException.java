package dev.kprov.agent.component;

/**
 * A setting that cannot be used, named as the Kura web UI names it. The reason never quotes the value of a
 * password or activation key.
 */
public final class InvalidSettingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String reason;

    InvalidSettingException(String setting, String reason) {
        super("setting '" + setting + "': " + reason);
        this.setting = setting;
        this.reason = reason;
    }

    public String setting() {
        return setting;
    }

    public String reason() {
        return reason;
    }
}
