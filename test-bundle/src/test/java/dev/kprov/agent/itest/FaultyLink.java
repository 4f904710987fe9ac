package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import dev.kprov.agent.itest.MqttPackets.Packet;

/**
 * A TCP proxy on a loopback port chosen at run time, between the agent and a broker, that does one fault
 * on demand. An MQTT link reads whole packets (plain TCP only: it must see them) and can, on the first
 * packet that matches, stop forwarding (a stall: sockets open, no FIN; each side is closed only when the
 * other goes away, so a broker killed then looks to the agent as it would without the link), cut a packet
 * in the middle, deliver a message once more, or add a 202 after it. A TCP link forwards bytes as they come
 * (TLS passes through). Either can refuse connections (accept, then close at once) or hold them (accept, then
 * nothing until told).
 */
final class FaultyLink implements AutoCloseable {

    enum Direction {
        TO_BROKER, TO_CLIENT
    }

    /** What the link does to the first packet that matches, once; later packets and connections pass. */
    enum Fault {
        /** Forward it, then nothing more either way (a stall, or a broker that dies right after it). */
        FREEZE_AFTER,
        /** Forward its first half only, then as {@link #FREEZE_AFTER}. */
        FREEZE_INSIDE,
        /** Forward it, then the same message again as a new PUBLISH (another packet id, not a DUP). */
        REPEAT,
        /** Forward it, then a 202 reply for the same request id on the same topic. */
        FOLLOW_WITH_202
    }

    private static final class Armed {
        final Direction direction;
        final Predicate<Packet> which;
        final Fault fault;

        Armed(Direction direction, Predicate<Packet> which, Fault fault) {
            this.direction = direction;
            this.which = which;
            this.fault = fault;
        }
    }

    private final boolean mqtt;
    private final int target;
    private final ServerSocket server;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private final CountDownLatch fired = new CountDownLatch(1);
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger(0xfff0);
    private final Set<Integer> injected = ConcurrentHashMap.newKeySet();
    /** Guards {@link #holding}. */
    private final List<Socket> held = new ArrayList<>();
    private boolean holding;

    private FaultyLink(boolean mqtt, int target) throws IOException {
        this.mqtt = mqtt;
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "faulty-link-" + server.getLocalPort());
        accepting.setDaemon(true);
        accepting.start();
    }

    /** Reads MQTT packets between a client and the plain TCP broker on {@code port}. */
    static FaultyLink mqtt(int port) throws IOException {
        return new FaultyLink(true, port);
    }

    /** Forwards bytes to {@code port}, whatever they are. */
    static FaultyLink tcp(int port) throws IOException {
        return new FaultyLink(false, port);
    }

    /** The link's address with the given scheme ({@code mqtt}, {@code mqtts}). */
    String url(String scheme) {
        return scheme + "://127.0.0.1:" + server.getLocalPort();
    }

    void arm(Direction direction, Predicate<Packet> which, Fault fault) {
        if (!mqtt) {
            throw new IllegalStateException("a TCP link does not see packets");
        }
        armed.set(new Armed(direction, which, fault));
    }

    /** Waits until the armed fault was done. */
    void awaitFault() throws InterruptedException {
        if (!fired.await(StatusRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            synchronized (seen) {
                fail("the fault was not done within " + StatusRecorder.TIMEOUT + "; the link forwarded " + seen);
            }
        }
    }

    /** The next {@code count} connections are closed as soon as accepted: the broker is down. */
    void refuseNext(int count) {
        refusals.set(count);
    }

    /** Waits until {@code count} connections were refused in all. */
    void awaitRefused(int count) throws InterruptedException {
        long deadline = System.nanoTime() + StatusRecorder.TIMEOUT.toNanos();
        synchronized (refused) {
            while (refused.get() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertTrue(left > 0, "connections refused: " + refused.get() + " of " + count);
                refused.wait(left);
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                quietly(client);
                synchronized (refused) {
                    refused.incrementAndGet();
                    refused.notifyAll();
                }
                continue;
            }
            synchronized (held) {
                if (holding) {
                    held.add(client);
                    continue;
                }
            }
            forward(client);
        }
    }

    /** From now on new connections are accepted and wait, unanswered, until {@link #passHeldConnections()}. */
    void holdNewConnections() {
        synchronized (held) {
            holding = true;
        }
    }

    /** The connections held so far go through to the broker, and the next ones too. */
    void passHeldConnections() {
        List<Socket> waiting;
        synchronized (held) {
            holding = false;
            waiting = new ArrayList<>(held);
            held.clear();
        }
        waiting.forEach(this::forward);
    }

    private void forward(Socket client) {
        Socket broker = new Socket();
        try {
            broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2000);
        } catch (IOException e) {
            // The broker is down: the client sees its connection end, as without the link.
            quietly(client);
            quietly(broker);
            return;
        }
        synchronized (sockets) {
            sockets.add(client);
            sockets.add(broker);
        }
        AtomicBoolean frozen = new AtomicBoolean();
        start(client, broker, Direction.TO_BROKER, frozen);
        start(broker, client, Direction.TO_CLIENT, frozen);
    }

    private void start(Socket from, Socket to, Direction direction, AtomicBoolean frozen) {
        Thread pump = new Thread(() -> {
            try {
                if (mqtt) {
                    packets(from.getInputStream(), to.getOutputStream(), direction, frozen);
                } else {
                    from.getInputStream().transferTo(to.getOutputStream());
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                quietly(from);
                quietly(to);
            }
        }, "faulty-link-" + direction);
        pump.setDaemon(true);
        pump.start();
    }

    private void packets(InputStream in, OutputStream out, Direction direction, AtomicBoolean frozen)
            throws IOException {
        Packet packet;
        while ((packet = MqttPackets.read(in)) != null) {
            if (frozen.get()) {
                continue;
            }
            if (direction == Direction.TO_BROKER && packet.type() == MqttPackets.PUBACK
                    && injected.remove(packet.packetId())) {
                continue; // the broker never sent that one
            }
            synchronized (seen) {
                seen.add(direction + " " + packet);
            }
            Armed fault = armed.get();
            if (fault == null || fault.direction != direction || !fault.which.test(packet)
                    || !armed.compareAndSet(fault, null)) {
                out.write(packet.bytes);
                out.flush();
                continue;
            }
            switch (fault.fault) {
            case FREEZE_INSIDE:
                // Frozen first: the answer to this packet must not overtake the flag.
                frozen.set(true);
                out.write(packet.bytes, 0, packet.bytes.length / 2);
                break;
            case FREEZE_AFTER:
                frozen.set(true);
                out.write(packet.bytes);
                break;
            case REPEAT:
                out.write(packet.bytes);
                out.write(MqttPackets.withPacketId(packet, inject()));
                break;
            case FOLLOW_WITH_202:
                out.write(packet.bytes);
                String topic = packet.topic();
                out.write(MqttPackets.publish(topic, inject(),
                        MqttPackets.stillWorking(topic.substring(topic.lastIndexOf('/') + 1))));
                break;
            default:
                throw new IllegalStateException(fault.fault.toString());
            }
            out.flush();
            fired.countDown();
        }
    }

    private int inject() {
        int id = nextId.getAndIncrement();
        injected.add(id);
        return id;
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            held.forEach(FaultyLink::quietly);
        }
        synchronized (sockets) {
            sockets.forEach(FaultyLink::quietly);
        }
    }
}
