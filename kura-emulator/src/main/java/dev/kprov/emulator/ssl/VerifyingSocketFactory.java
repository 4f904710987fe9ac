package dev.kprov.emulator.ssl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The SSL manager's socket factory: every socket it makes speaks only the given protocols (and cipher
 * suites, when given) and, with host name verification on, checks that the server's certificate names
 * the host it was reached by (endpoint identification {@value #ENDPOINT_IDENTIFICATION}, RFC 2818), also
 * for sockets made unconnected and connected later, as Paho does.
 */
final class VerifyingSocketFactory extends SSLSocketFactory {

    static final String ENDPOINT_IDENTIFICATION = "HTTPS";

    private final SSLSocketFactory delegate;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final boolean verifyHostName;

    /**
     * @param cipherSuites the suites to offer, or null for the JDK's defaults
     */
    VerifyingSocketFactory(SSLSocketFactory delegate, String[] protocols, String[] cipherSuites,
            boolean verifyHostName) {
        this.delegate = delegate;
        this.protocols = protocols.clone();
        this.cipherSuites = cipherSuites == null ? null : cipherSuites.clone();
        this.verifyHostName = verifyHostName;
    }

    boolean verifiesHostName() {
        return verifyHostName;
    }

    private Socket configure(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setProtocols(protocols.clone());
        if (cipherSuites != null) {
            parameters.setCipherSuites(cipherSuites.clone());
        }
        if (verifyHostName) {
            parameters.setEndpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
        }
        ssl.setSSLParameters(parameters);
        return ssl;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return cipherSuites == null ? delegate.getDefaultCipherSuites() : cipherSuites.clone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return configure(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
        return configure(delegate.createSocket(socket, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return configure(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String toString() {
        return "VerifyingSocketFactory[hostNameVerification=" + verifyHostName + "]";
    }
}
