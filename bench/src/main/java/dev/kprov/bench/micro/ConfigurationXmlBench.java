package dev.kprov.bench.micro;

import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.kprov.agent.message.ComponentSettings;
import dev.kprov.agent.message.ConfigurationXml;
import dev.kprov.agent.message.ConfigurationXml.ConfigurationException;

/**
 * The agent's secure parse of a package's configuration (PROTOCOL.md section 6.2, section 8 step 4) with
 * {@link ConfigurationXml}: a Kura snapshot of seven configurations (account connection, cloud service,
 * clock, position, REST service, a factory cloud publisher) and 69 properties of most types,
 * a Password and an array among them.
 */
public class ConfigurationXmlBench {

    /**
     * The agent's own PID, which a package may not configure: ProvisioningService.PID, written out because
     * compiling against that DS component would want the OSGi annotations on the class path.
     */
    static final String AGENT_PID = "dev.kprov.agent.ProvisioningService";

    /** Password values are Kura's {@code org.eclipse.kura.configuration.Password}, from kura-api. */
    static final String PASSWORD_CLASS = "org.eclipse.kura.configuration.Password";

    /** The snapshot, as UTF-8 bytes the way a package carries it. */
    @State(Scope.Benchmark)
    public static class Snapshot {
        byte[] xml;

        @Setup(Level.Trial)
        public void setUp() {
            requireKuraApi();
            xml = Samples.gatewayConfiguration();
        }
    }

    @Benchmark
    public List<ComponentSettings> parse(Snapshot snapshot) throws ConfigurationException {
        return ConfigurationXml.parse(snapshot.xml, AGENT_PID);
    }

    /**
     * The agent's bundle takes kura-api from the gateway; outside a framework it must be on the class path,
     * or the first Password property fails with a NoClassDefFoundError deep inside the parse.
     */
    static void requireKuraApi() {
        try {
            Class.forName(PASSWORD_CLASS, false, ConfigurationXmlBench.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("ConfigurationXml makes " + PASSWORD_CLASS + " values, which is not on"
                    + " the class path: bench needs the dependency dev.kprov:kura-api (scope runtime)", e);
        }
    }
}
