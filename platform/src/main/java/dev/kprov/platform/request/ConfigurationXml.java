package dev.kprov.platform.request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a configuration snapshot before the platform ever sends it (PROTOCOL.md section 6.2): parsed
 * without DTDs, external entities or XInclude, within the bounds of section 7, holding the account
 * connection and not the agent's own PID. Reads the account credentials from it.
 */
final class ConfigurationXml {

    static final String ESF_NAMESPACE = "http://eurotech.com/esf/2.0";
    static final String MQTT_TRANSPORT_PID = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    static final String AGENT_PID = "dev.kprov.agent.ProvisioningService";
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_CONFIGURATIONS = 500;
    static final int MAX_PROPERTIES = 10_000;

    private ConfigurationXml() {
    }

    /**
     * @param deviceClientId used when the transport's {@code client-id} is empty, as Kura does
     * @return the account credentials, empty when the password is stored encrypted
     */
    static Optional<AccountCredentials> check(byte[] xml, String deviceClientId, String source)
            throws InvalidRequestException {
        if (xml.length > MAX_BYTES) {
            throw new InvalidRequestException(source + ": " + xml.length + " bytes, more than the " + MAX_BYTES
                    + " a configuration may have");
        }
        Element root = parse(xml, source).getDocumentElement();
        if (!ESF_NAMESPACE.equals(root.getNamespaceURI()) || !"configurations".equals(root.getLocalName())) {
            throw new InvalidRequestException(source + ": the root element must be esf:configurations in namespace "
                    + ESF_NAMESPACE);
        }
        NodeList configurations = root.getElementsByTagNameNS(ESF_NAMESPACE, "configuration");
        if (configurations.getLength() > MAX_CONFIGURATIONS) {
            throw new InvalidRequestException(source + ": " + configurations.getLength()
                    + " configurations, more than " + MAX_CONFIGURATIONS);
        }
        int properties = root.getElementsByTagNameNS(ESF_NAMESPACE, "property").getLength();
        if (properties > MAX_PROPERTIES) {
            throw new InvalidRequestException(source + ": " + properties + " properties, more than " + MAX_PROPERTIES);
        }
        Element transport = null;
        for (int i = 0; i < configurations.getLength(); i++) {
            Element configuration = (Element) configurations.item(i);
            String pid = configuration.getAttribute("pid");
            if (pid.isEmpty()) {
                throw new InvalidRequestException(source + ": configuration " + i + " has no pid attribute");
            }
            if (AGENT_PID.equals(pid)) {
                throw new InvalidRequestException(source + ": holds the agent's own PID " + AGENT_PID
                        + " (PROTOCOL.md section 6.2 forbids it)");
            }
            if (MQTT_TRANSPORT_PID.equals(pid)) {
                transport = configuration;
            }
        }
        if (transport == null) {
            throw new InvalidRequestException(source + ": lacks the account connection (configuration "
                    + MQTT_TRANSPORT_PID + ")");
        }
        return credentials(transport, deviceClientId);
    }

    private static Optional<AccountCredentials> credentials(Element transport, String deviceClientId) {
        Map<String, String> values = new HashMap<>();
        boolean passwordEncrypted = false;
        NodeList properties = transport.getElementsByTagNameNS(ESF_NAMESPACE, "property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            String name = property.getAttribute("name");
            NodeList valueNodes = property.getElementsByTagNameNS(ESF_NAMESPACE, "value");
            if (valueNodes.getLength() > 0) {
                values.put(name, valueNodes.item(0).getTextContent().trim());
            }
            if ("password".equals(name) && Boolean.parseBoolean(property.getAttribute("encrypted"))) {
                passwordEncrypted = true;
            }
        }
        String username = values.getOrDefault("username", "");
        String password = values.getOrDefault("password", "");
        if (passwordEncrypted || username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        String clientId = values.getOrDefault("client-id", "");
        return Optional.of(new AccountCredentials(clientId.isEmpty() ? deviceClientId : clientId, username, password));
    }

    private static Document parse(byte[] xml, String source) throws InvalidRequestException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new InvalidRequestException(source + ": not a valid configuration XML (" + e.getMessage() + ")", e);
        } catch (ParserConfigurationException | IOException e) {
            throw new InvalidRequestException(source + ": cannot parse (" + e + ")", e);
        }
    }
}
