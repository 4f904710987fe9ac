package dev.kprov.agent.fsm;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.kprov.agent.message.ComponentSettings;
import dev.kprov.agent.message.ProvisioningPackage;

/**
 * A provisioning package whose signature, chain and binding to the request in flight were verified
 * (PROTOCOL.md section 8, steps 1 to 4), with the certificates the agent stores as trusted.
 */
public final class VerifiedPackage {

    private final ProvisioningPackage content;
    private final List<ComponentSettings> settings;
    private final List<X509Certificate> signerChain;
    private final List<X509Certificate> brokerCas;

    public VerifiedPackage(ProvisioningPackage content, List<ComponentSettings> settings,
            List<X509Certificate> signerChain, List<X509Certificate> brokerCas) {
        this.content = content;
        this.settings = Collections.unmodifiableList(new ArrayList<>(settings));
        this.signerChain = Collections.unmodifiableList(new ArrayList<>(signerChain));
        this.brokerCas = Collections.unmodifiableList(new ArrayList<>(brokerCas));
    }

    public String requestId() {
        return content.requestId();
    }

    public ProvisioningPackage content() {
        return content;
    }

    /** The package's configuration, parsed and checked (PROTOCOL.md 6.2). */
    public List<ComponentSettings> settings() {
        return settings;
    }

    /** The certificates of the CMS set, signer first (PROTOCOL.md 6.1). */
    public List<X509Certificate> signerChain() {
        return signerChain;
    }

    /** The CA certificates for the account broker's TLS ({@code ssl.ca.certificates}), possibly none. */
    public List<X509Certificate> brokerCas() {
        return brokerCas;
    }

    @Override
    public String toString() {
        return "package of " + requestId() + " for account " + content.accountName();
    }
}
