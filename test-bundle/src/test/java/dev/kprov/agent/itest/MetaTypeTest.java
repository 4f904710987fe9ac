package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** What the Kura web UI is given to show: the OCD the framework's MetaType service finds in the agent bundle. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class MetaTypeTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    MetaTypeService metaType;

    private ObjectClassDefinition ocd() {
        Bundle agent = Arrays.stream(context.getBundles())
                .filter(b -> "dev.kprov.agent".equals(b.getSymbolicName())).findFirst().orElseThrow();
        MetaTypeInformation information = metaType.getMetaTypeInformation(agent);
        assertTrue(Arrays.asList(information.getPids()).contains(AgentConfig.PID), "the PID is designated");
        ObjectClassDefinition ocd = information.getObjectClassDefinition(AgentConfig.PID, null);
        assertNotNull(ocd);
        return ocd;
    }

    private Map<String, AttributeDefinition> settings() {
        return Arrays.stream(ocd().getAttributeDefinitions(ObjectClassDefinition.ALL))
                .collect(Collectors.toMap(AttributeDefinition::getID, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    @Test
    void ocdIdIsThePid() {
        assertEquals(AgentConfig.PID, ocd().getID());
    }

    @ParameterizedTest
    @CsvSource({
            "enabled, BOOLEAN, false",
            "provisioned, BOOLEAN, false",
            "ca-authentication, BOOLEAN, true",
            "broker-url, STRING, mqtts://broker-url:8883",
            "account-name, STRING, kura-provision",
            "username, STRING, ''",
            "password, PASSWORD, ''",
            "activation-key, PASSWORD, ''",
            "client-id, STRING, ''",
            "timeout, INTEGER, 60",
            "retry-interval, INTEGER, 60",
            "retry-max-attempts, INTEGER, -1",
            "SslManagerService.target, STRING, (kura.service.pid=org.eclipse.kura.ssl.SslManagerService)",
            "KeystoreService.target, STRING, (kura.service.pid=SSLKeystore)",
            "DataService.target, STRING, (kura.service.pid=org.eclipse.kura.data.DataService)" })
    void everySettingWithItsTypeAndDefault(String id, String type, String defaultValue) {
        AttributeDefinition setting = settings().get(id);

        assertNotNull(setting, id);
        assertEquals(typeCode(type), setting.getType(), id);
        String[] defaults = setting.getDefaultValue();
        if (defaultValue.isEmpty()) {
            assertTrue(defaults == null || Arrays.equals(defaults, new String[] { "" }), id);
        } else {
            assertArrayEquals(new String[] { defaultValue }, defaults, id);
        }
        assertTrue(setting.getDescription().length() > 40, id + " is described for the person at the web UI");
    }

    @Test
    void noOtherSetting() {
        assertEquals(15, settings().size(), settings().keySet().toString());
    }

    @Test
    void optionalIdentityAndSecretsAreNotRequired() {
        Map<String, AttributeDefinition> settings = settings();
        for (String id : new String[] { "username", "password", "activation-key", "client-id" }) {
            assertTrue(Arrays.stream(ocd().getAttributeDefinitions(ObjectClassDefinition.OPTIONAL))
                    .anyMatch(ad -> ad.getID().equals(id)), id + " may be left empty");
            assertNotNull(settings.get(id));
        }
    }

    @Test
    void numbersAreBoundedInTheForm() {
        Map<String, AttributeDefinition> settings = settings();

        assertEquals("", settings.get("timeout").validate("1"));
        assertTrue(settings.get("timeout").validate("0").length() > 0, "0 s timeout refused by the form");
        assertEquals("", settings.get("retry-max-attempts").validate("-1"));
        assertTrue(settings.get("retry-max-attempts").validate("-2").length() > 0);
    }

    private static int typeCode(String name) {
        switch (name) {
        case "BOOLEAN":
            return AttributeDefinition.BOOLEAN;
        case "STRING":
            return AttributeDefinition.STRING;
        case "INTEGER":
            return AttributeDefinition.INTEGER;
        case "PASSWORD":
            return AttributeDefinition.PASSWORD;
        default:
            throw new IllegalArgumentException(name);
        }
    }
}
