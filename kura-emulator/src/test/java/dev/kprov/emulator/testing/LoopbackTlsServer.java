package dev.kprov.emulator.testing;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server on 127.0.0.1 and a port chosen by the system. For each connection it completes the
 * handshake and answers with the client's certificate subject, or {@value #ANONYMOUS}, then closes.
 */
public final class LoopbackTlsServer implements AutoCloseable {

    public static final String ANONYMOUS = "anonymous";
    private static final char[] KEY_PASSWORD = "server-key".toCharArray();
    private static final int IO_TIMEOUT_MS = 10_000;

    private final SSLServerSocket serverSocket;
    private final ExecutorService acceptor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "loopback-tls-server");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param clientTrust client certificates to accept; when not empty the server asks for one
     */
    public LoopbackTlsServer(PrivateKey key, X509Certificate[] chain, List<X509Certificate> clientTrust)
            throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key, KEY_PASSWORD, chain);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, KEY_PASSWORD);
        TrustManagerFactory trustManagers = null;
        if (!clientTrust.isEmpty()) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < clientTrust.size(); i++) {
                trusted.setCertificateEntry("client-" + i, clientTrust.get(i));
            }
            trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers == null ? null : trustManagers.getTrustManagers(),
                null);
        serverSocket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getByName("127.0.0.1"));
        serverSocket.setWantClientAuth(!clientTrust.isEmpty());
        acceptor.execute(this::serve);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void serve() {
        while (!serverSocket.isClosed()) {
            try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
                socket.setSoTimeout(IO_TIMEOUT_MS);
                socket.startHandshake();
                String peer;
                try {
                    peer = socket.getSession().getPeerPrincipal().getName();
                } catch (SSLPeerUnverifiedException e) {
                    peer = ANONYMOUS;
                }
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeUTF(peer);
                out.flush();
            } catch (SocketException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
            } catch (IOException e) {
                // A client that refused the server's certificate: the next connection is served.
            }
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        acceptor.shutdown();
        try {
            if (!acceptor.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the TLS server did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
