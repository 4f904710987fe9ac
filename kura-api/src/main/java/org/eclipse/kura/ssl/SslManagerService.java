package org.eclipse.kura.ssl;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Kura service that builds SSL contexts and socket factories from the Kura keystores.
 */
@ProviderType
public interface SslManagerService {

    /** @since 2.2 */
    SSLContext getSSLContext() throws GeneralSecurityException, IOException;

    /** @since 2.2 */
    SSLContext getSSLContext(String keyAlias) throws GeneralSecurityException, IOException;

    SSLSocketFactory getSSLSocketFactory() throws GeneralSecurityException, IOException;

    SSLSocketFactory getSSLSocketFactory(String keyAlias) throws GeneralSecurityException, IOException;

    /**
     * @deprecated The methods that allow to explicitly specify a keystore should not be used anymore.
     */
    @Deprecated
    SSLSocketFactory getSSLSocketFactory(String protocol, String cipherSuites, String trustStorePath,
            String keyStorePath, char[] keyStorePassword, String keyAlias)
            throws GeneralSecurityException, IOException;

    /**
     * @deprecated The methods that allow to explicitly specify a keystore should not be used anymore.
     */
    @Deprecated
    SSLSocketFactory getSSLSocketFactory(String protocol, String cipherSuites, String trustStorePath,
            String keyStorePath, char[] keyStorePassword, String keyAlias, boolean hostnameVerification)
            throws GeneralSecurityException, IOException;

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    X509Certificate[] getTrustCertificates() throws GeneralSecurityException, IOException;

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    void installTrustCertificate(String alias, X509Certificate x509crt) throws GeneralSecurityException, IOException;

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    void deleteTrustCertificate(String alias) throws GeneralSecurityException, IOException;

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    void installPrivateKey(String alias, PrivateKey privateKey, char[] password, Certificate[] publicCerts)
            throws GeneralSecurityException, IOException;
}
