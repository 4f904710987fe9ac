package dev.kprov.bench.micro;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.kprov.agent.message.MessageException;
import dev.kprov.agent.message.Payload;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.platform.pki.KeyAlgorithm;

/**
 * KuraPayload encode and decode (PROTOCOL.md section 2) through the agent's {@link PayloadCodec}: the
 * provision request the agent encodes for every attempt, and the 200 reply it decodes, whose body is a
 * real provisioning package signed with RSA-2048 (about 4 KB). Decoding goes through
 * {@link PayloadCodec#decode}, the entry point for a message off the wire, bounds and gzip check included.
 */
public class PayloadCodecBench {

    /** The request as the agent builds it, and its bytes on the wire. */
    @State(Scope.Benchmark)
    public static class Request {
        Payload payload;
        byte[] wire;

        @Setup(Level.Trial)
        public void setUp() {
            payload = Samples.request().toPayload();
            wire = PayloadCodec.encode(payload);
        }
    }

    /** A 200 reply carrying a package signed by the platform, and its bytes on the wire. */
    @State(Scope.Benchmark)
    public static class Reply {
        byte[] signedPackage;
        Payload payload;
        byte[] wire;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            signedPackage = Samples.signedPackage(KeyAlgorithm.RSA_2048).der();
            payload = ProvisionReply.ok(Samples.REQUEST_ID, signedPackage).toPayload();
            wire = PayloadCodec.encode(payload);
        }
    }

    @Benchmark
    public byte[] encodeRequest(Request request) {
        return PayloadCodec.encode(request.payload);
    }

    @Benchmark
    public Payload decodeRequest(Request request) throws MessageException {
        return PayloadCodec.decode(request.wire);
    }

    @Benchmark
    public byte[] encodeReply(Reply reply) {
        return PayloadCodec.encode(reply.payload);
    }

    @Benchmark
    public Payload decodeReply(Reply reply) throws MessageException {
        return PayloadCodec.decode(reply.wire);
    }
}
