package dev.kprov.agent.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The agent's settings: the one place they are described. bnd writes the MetaType document the Kura web
 * UI shows from these annotations, and SCR hands the component an instance with these defaults filled in.
 * Method names follow the DS 1.4 mapping: {@code $_$} is {@code -}, {@code _} is {@code .}.
 */
@ObjectClassDefinition(
        id = ProvisioningService.PID,
        name = "ProvisioningService",
        description = "Zero-touch provisioning (kprov). When enabled, the gateway connects to the provision broker with "
                + "the credentials below, receives its certificates, configuration and applications from the provisioning "
                + "platform, installs them, then connects to the broker of the account that owns it and disables this "
                + "service. If anything fails, the gateway is put back exactly as it was and the service tries again later.")
@interface ProvisioningConfig {

    @AttributeDefinition(name = "Enabled",
            description = "Start provisioning. Leave off until the provision broker and credentials below are filled in. "
                    + "The service turns this off by itself once the gateway is provisioned. Default: off.")
    boolean enabled() default false;

    @AttributeDefinition(name = "Provisioned",
            description = "Set by the service when provisioning succeeded; while it is on, the service does nothing. "
                    + "Turn it off and Enabled on to provision the gateway again. Default: off.")
    boolean provisioned() default false;

    @AttributeDefinition(name = "CA authentication",
            description = "Accept a provisioning package only if its signer's certificate chains up to a certificate "
                    + "authority this gateway already trusts (the SSL Manager's truststore). Turn off only to test "
                    + "against a platform whose signing certificate is not in the truststore: the signature is still "
                    + "checked, but anyone holding a key could then configure this gateway. Default: on.")
    boolean ca$_$authentication() default true;

    @AttributeDefinition(name = "Broker URL",
            description = "Address of the provision broker, for example mqtts://provision.example.com:8883. "
                    + "mqtts:// or ssl:// connect with TLS (port 8883 when none is given) and check the broker's "
                    + "certificate and host name; mqtt:// or tcp:// connect without encryption (port 1883), which "
                    + "sends the credentials in clear text: avoid it outside a test network. The default is a "
                    + "placeholder that must be replaced before enabling the service.")
    String broker$_$url() default "mqtts://broker-url:8883";

    @AttributeDefinition(name = "Account name",
            description = "Name of the provision account on the broker; it becomes part of every topic, so it may not "
                    + "contain '/', '+' or '#'. Default: kura-provision.")
    String account$_$name() default "kura-provision";

    @AttributeDefinition(name = "Username", required = false,
            description = "User name for the provision broker. When empty, the service uses the client ID followed by "
                    + "'-' and the gateway's serial number, for example 00E0C7A1B2C3-SN1234.")
    String username() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD,
            description = "Password for the provision broker, as given with the gateway's provision request. "
                    + "Stored encrypted; never shown in logs. Empty means connect without a password.")
    String password() default "";

    @AttributeDefinition(name = "Activation key", required = false, type = AttributeType.PASSWORD,
            description = "Activation key of the gateway's provision request, if the platform asked for one. Sent only "
                    + "with the provision request, never logged. Empty means none is sent.")
    String activation$_$key() default "";

    @AttributeDefinition(name = "Client ID", required = false,
            description = "MQTT client ID on the provision broker; it becomes part of every topic, so it may not "
                    + "contain '/', '+' or '#'. When empty, the service uses the gateway's primary MAC address in "
                    + "upper case without ':' (for example 00E0C7A1B2C3), as Kura does. IDs longer than 23 characters "
                    + "work on most brokers but not all.")
    String client$_$id() default "";

    @AttributeDefinition(name = "Timeout (seconds)", min = "1", max = "3600",
            description = "How long to wait for the platform's answer after the provision request was delivered, and "
                    + "for the account broker to accept the new connection. Default: 60.")
    int timeout() default 60;

    @AttributeDefinition(name = "Retry interval (seconds)", min = "1", max = "86400",
            description = "Wait between two provisioning attempts, varied by up to 20% so that many gateways do not "
                    + "retry together. The platform may ask for a longer wait. Default: 60.")
    int retry$_$interval() default 60;

    @AttributeDefinition(name = "Maximum attempts", min = "-1", max = "1000000",
            description = "How many failed attempts before the service stops and waits for a configuration change. "
                    + "-1 means keep trying. Default: -1.")
    int retry$_$max$_$attempts() default -1;

    @AttributeDefinition(name = "SslManagerService target filter",
            description = "Which SSL Manager the service uses for TLS to the provision broker (an OSGi filter). "
                    + "Default: Kura's own SSL Manager.")
    String SslManagerService_target() default "(kura.service.pid=org.eclipse.kura.ssl.SslManagerService)";

    @AttributeDefinition(name = "KeystoreService target filter",
            description = "Which keystore receives the certificates delivered with the provisioning package (an OSGi "
                    + "filter). Default: the keystore behind Kura's SSL Manager.")
    String KeystoreService_target() default "(kura.service.pid=SSLKeystore)";

    @AttributeDefinition(name = "DataService target filter",
            description = "Which cloud connection the service connects to the account broker once provisioned (an OSGi "
                    + "filter). Default: Kura's default cloud connection.")
    String DataService_target() default "(kura.service.pid=org.eclipse.kura.data.DataService)";
}
