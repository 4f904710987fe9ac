package dev.kprov.bench.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The network between the gateways and their broker, for {@code faults}: a TCP relay on a loopback port
 * (TLS goes through it untouched) that cuts a share of the connections it relays, and that is shut with
 * the broker when the broker is down (nothing listens, every relayed connection is dropped).
 *
 * <p>Each new connection is cut with probability {@code cutShare}: in one direction chosen at random, after a
 * random number of that direction's bytes (the write before the cut is truncated there, so a cut lands in
 * the middle of a TLS record, and of the MQTT packet inside, as often as not), or at a random moment in its
 * first {@code cutWithinMillis}, whichever comes first; then both sockets are closed, half of the time
 * abortively (RST) and half with a FIN. A connection that ends on its own before either is not cut.
 */
final class CuttingGate implements AutoCloseable {

    /** Ranges of the byte offsets of a cut: about the size of one exchange each way (TLS handshake included). */
    private static final int UP_BYTES = 2_048;
    private static final int DOWN_BYTES = 8_192;

    /** What the gate did. */
    record Counts(int accepted, int cutPlanned, int cutByBytes, int cutByTime, int cutUp, int cutDown,
            int endedBeforeCut, int droppedByRestart, int upstreamRefused) {
    }

    private final int port;
    private final InetSocketAddress broker;
    private final double cutShare;
    private final long cutWithinMillis;
    private final Random random;
    private final ExecutorService relays = Executors.newCachedThreadPool(task -> daemon(task, "kprov-bench-relay"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            task -> daemon(task, "kprov-bench-cut"));
    private final Set<Link> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger planned = new AtomicInteger();
    private final AtomicInteger byBytes = new AtomicInteger();
    private final AtomicInteger byTime = new AtomicInteger();
    private final AtomicInteger up = new AtomicInteger();
    private final AtomicInteger down = new AtomicInteger();
    private final AtomicInteger endedFirst = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile ServerSocket server;

    CuttingGate(int brokerPort, double cutShare, long cutWithinMillis, long seed) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort(); // free a moment ago: taken again by open()
        }
        this.broker = new InetSocketAddress(InetAddress.getLoopbackAddress(), brokerPort);
        this.cutShare = cutShare;
        this.cutWithinMillis = cutWithinMillis;
        this.random = new Random(seed);
    }

    int port() {
        return port;
    }

    /** Listens and relays: the broker is up. */
    synchronized void open() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "kprov-bench-gate");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The broker is down: nothing listens any more, and every relayed connection is dropped. */
    synchronized int shut() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        int count = 0;
        for (Link link : live) {
            if (link.close(true)) {
                count++;
            }
        }
        dropped.addAndGet(count);
        return count;
    }

    Counts counts() {
        return new Counts(accepted.get(), planned.get(), byBytes.get(), byTime.get(), up.get(), down.get(),
                endedFirst.get(), dropped.get(), refused.get());
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // shut
            }
            accepted.incrementAndGet();
            Socket upstream = new Socket();
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(broker);
            } catch (IOException e) {
                // the broker went down between the accept and now: the gateway sees its connection closed
                refused.incrementAndGet();
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            Link link = plan(client, upstream);
            live.add(link);
            relays.execute(() -> relay(link, true));
            relays.execute(() -> relay(link, false));
            if (link.cut) {
                timers.schedule(() -> {
                    if (link.close(random(2) == 0)) {
                        byTime.incrementAndGet();
                        (link.cutUp ? up : down).incrementAndGet();
                    }
                }, link.cutAfterMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private synchronized int random(int bound) {
        return random.nextInt(bound);
    }

    private synchronized Link plan(Socket client, Socket upstream) {
        boolean cut = random.nextDouble() < cutShare;
        boolean cutUp = random.nextBoolean();
        long atByte = cut ? random.nextInt(cutUp ? UP_BYTES : DOWN_BYTES) : Long.MAX_VALUE;
        long afterMillis = (long) (random.nextDouble() * cutWithinMillis);
        if (cut) {
            planned.incrementAndGet();
        }
        return new Link(client, upstream, cut, cutUp, atByte, afterMillis);
    }

    /** Copies one direction; {@code upward} is gateway to broker. */
    private void relay(Link link, boolean upward) {
        Socket from = upward ? link.client : link.upstream;
        Socket to = upward ? link.upstream : link.client;
        boolean cutsHere = link.cut && link.cutUp == upward;
        AtomicLong count = upward ? link.up : link.down;
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                long before = count.getAndAdd(read);
                if (cutsHere && before + read > link.cutAtByte) {
                    out.write(buffer, 0, (int) (link.cutAtByte - before));
                    out.flush();
                    if (link.close(random(2) == 0)) {
                        byBytes.incrementAndGet();
                        (upward ? up : down).incrementAndGet();
                    }
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // either side closed, or the gate cut or dropped the link
        } finally {
            if (link.close(false) && link.cut) {
                endedFirst.incrementAndGet();
            }
            live.remove(link);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        shut();
        relays.shutdownNow();
        timers.shutdownNow();
    }

    /** One relayed connection and its fate. */
    private static final class Link {
        final Socket client;
        final Socket upstream;
        final boolean cut;
        final boolean cutUp;
        final long cutAtByte;
        final long cutAfterMillis;
        final AtomicLong up = new AtomicLong();
        final AtomicLong down = new AtomicLong();
        private boolean closed;

        Link(Socket client, Socket upstream, boolean cut, boolean cutUp, long cutAtByte, long cutAfterMillis) {
            this.client = client;
            this.upstream = upstream;
            this.cut = cut;
            this.cutUp = cutUp;
            this.cutAtByte = cutAtByte;
            this.cutAfterMillis = cutAfterMillis;
        }

        /** Closes both sockets, abortively (RST) when asked; true for the one call that closed them. */
        synchronized boolean close(boolean abort) {
            if (closed) {
                return false;
            }
            closed = true;
            for (Socket socket : new Socket[] {client, upstream}) {
                try {
                    if (abort) {
                        socket.setSoLinger(true, 0);
                    }
                } catch (IOException e) {
                    // closed already by its peer
                }
                closeQuietly(socket);
            }
            return true;
        }
    }
}
