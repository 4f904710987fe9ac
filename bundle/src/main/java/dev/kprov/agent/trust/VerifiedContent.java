package dev.kprov.agent.trust;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a verified provisioning package yields (PROTOCOL.md section 6.1): the signed content, still
 * encoded (a KuraPayload), and the certificates of the package, the signer first and then each issuer up
 * the chain, which the agent stores as trusted entries (section 8, step 6). Immutable.
 */
public final class VerifiedContent {

    private final byte[] content;
    private final List<X509Certificate> certificates;

    /**
     * @param content the signed content; copied
     * @param certificates the signer first, then its chain upwards; at least the signer
     */
    public VerifiedContent(byte[] content, List<X509Certificate> certificates) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(certificates, "certificates");
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a verified package has at least its signer certificate");
        }
        this.content = content.clone();
        this.certificates = Collections.unmodifiableList(new ArrayList<>(certificates));
    }

    /** The signed content bytes, in a new array. */
    public byte[] content() {
        return content.clone();
    }

    public int contentLength() {
        return content.length;
    }

    /** The signer certificate, then its issuers up the chain as far as the package carries them. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    public X509Certificate signer() {
        return certificates.get(0);
    }

    @Override
    public String toString() {
        return "VerifiedContent " + content.length + " bytes signed by " + Subjects.of(signer()) + ", "
                + certificates.size() + " certificate(s)";
    }
}
