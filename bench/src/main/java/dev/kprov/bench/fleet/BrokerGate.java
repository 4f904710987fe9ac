package dev.kprov.bench.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A broker that is down, then up: a loopback port where nothing listens (connections refused, as with a
 * broker that is not running) until {@link #open()}, and from then a plain TCP relay to the real broker.
 * TLS goes through it untouched.
 */
final class BrokerGate implements AutoCloseable {

    private final int port;
    private final InetSocketAddress broker;
    private volatile ServerSocket server;

    BrokerGate(int brokerPort) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort(); // free a moment ago: taken again by open()
        }
        this.broker = new InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort);
    }

    int port() {
        return port;
    }

    void open() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server = socket;
        Thread acceptor = new Thread(this::accept, "kprov-bench-gate");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(broker);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                relay(client, upstream);
                relay(upstream, client);
            } catch (IOException e) {
                // closed, or one connection failed: the agent sees a broken connection and retries
            }
        }
    }

    private static void relay(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                close(from);
                close(to);
            }
        }, "kprov-bench-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
