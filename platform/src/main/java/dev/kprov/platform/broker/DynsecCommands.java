package dev.kprov.platform.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Mosquitto's dynamic-security control API (Mosquitto 2.0): a batch of JSON commands published to
 * {@value #TOPIC}, each with its own correlation id, and the answers on {@value #RESPONSE_TOPIC}. The JSON
 * of a batch holds passwords: it is sent, never logged.
 */
final class DynsecCommands {

    static final String TOPIC = "$CONTROL/dynamic-security/v1";
    static final String RESPONSE_TOPIC = TOPIC + "/response";
    /** An answer larger than this is not read (a listing of thousands of clients would still fit). */
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: the command it answers, its correlation id, Mosquitto's error text if it failed, its data. */
    record Response(String command, String correlationData, Optional<String> error, JsonNode data) {

        /** The error of a delete that found nothing to delete: not a failure when removing what may be gone. */
        boolean notFound() {
            return error.isPresent() && error.get().toLowerCase(java.util.Locale.ROOT).contains("not found");
        }
    }

    /** A command sent and not yet answered: its name, the client id it is about (for logs), what to do next. */
    record Pending(String command, String subject, Consumer<Response> then) {
    }

    /** Commands sent together, in order (Mosquitto runs them in order). */
    static final class Batch {

        private final ArrayNode commands = JSON.createArrayNode();
        private final Map<String, Pending> pending = new LinkedHashMap<>();
        private final Supplier<String> correlation;

        Batch(Supplier<String> correlation) {
            this.correlation = correlation;
        }

        /** Adds a command; returns its JSON for the caller to fill in. */
        ObjectNode add(String command, String subject, Consumer<Response> then) {
            String id = correlation.get();
            ObjectNode node = commands.addObject();
            node.put("command", command);
            node.put("correlationData", id);
            pending.put(id, new Pending(command, subject, then));
            return node;
        }

        void deleteClient(String username, String subject, Consumer<Response> then) {
            add("deleteClient", subject, then).put("username", username);
        }

        void deleteRole(String rolename, String subject) {
            add("deleteRole", subject, ignored -> { }).put("rolename", rolename);
        }

        /** A role allowed to publish, receive and subscribe under each of {@code filters}. */
        void createRole(String rolename, String textname, List<String> filters, String subject,
                Consumer<Response> then) {
            ObjectNode node = add("createRole", subject, then);
            node.put("rolename", rolename);
            node.put("textname", textname);
            ArrayNode acls = node.putArray("acls");
            for (String filter : filters) {
                for (String type : List.of("publishClientSend", "publishClientReceive", "subscribePattern")) {
                    ObjectNode acl = acls.addObject();
                    acl.put("acltype", type);
                    acl.put("topic", filter);
                    acl.put("allow", true);
                }
            }
        }

        /** A client that must use {@code clientId} (any when {@code null}), with {@code password}, holding {@code rolename}. */
        void createClient(String username, char[] password, String clientId, String textname, String rolename,
                String subject, Consumer<Response> then) {
            ObjectNode node = add("createClient", subject, then);
            node.put("username", username);
            node.put("password", new String(password));
            if (clientId != null) {
                node.put("clientid", clientId);
            }
            node.put("textname", textname);
            node.putArray("roles").addObject().put("rolename", rolename);
        }

        void listClients(Consumer<Response> then) {
            add("listClients", "-", then).put("verbose", true);
        }

        void listRoles(Consumer<Response> then) {
            add("listRoles", "-", then);
        }

        boolean isEmpty() {
            return pending.isEmpty();
        }

        Map<String, Pending> pending() {
            return pending;
        }

        byte[] payload() {
            ObjectNode root = JSON.createObjectNode();
            root.set("commands", commands);
            try {
                return JSON.writeValueAsBytes(root);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write a dynamic-security command", e);
            }
        }

        @Override
        public String toString() {
            return "Batch[" + pending.size() + " command(s)]";
        }
    }

    private DynsecCommands() {
    }

    /** The answers in one response message. */
    static List<Response> parse(byte[] payload) throws IOException {
        if (payload.length > MAX_RESPONSE_BYTES) {
            throw new IOException("a dynamic-security answer of " + payload.length + " bytes (at most "
                    + MAX_RESPONSE_BYTES + " read)");
        }
        JsonNode responses = JSON.readTree(payload).path("responses");
        if (!responses.isArray()) {
            throw new IOException("a dynamic-security answer without 'responses'");
        }
        List<Response> parsed = new ArrayList<>();
        for (JsonNode response : responses) {
            JsonNode error = response.get("error");
            parsed.add(new Response(response.path("command").asText(""), response.path("correlationData").asText(""),
                    error == null || error.isNull() ? Optional.empty() : Optional.of(error.asText()),
                    response.path("data")));
        }
        return parsed;
    }

    /** User names of {@code listClients} (verbose) whose text name starts with {@code prefix}. */
    static List<String> clientsMarked(JsonNode data, String prefix) {
        List<String> names = new ArrayList<>();
        for (JsonNode client : data.path("clients")) {
            if (client.path("textname").asText("").startsWith(prefix)) {
                names.add(client.path("username").asText());
            }
        }
        return names;
    }

    /** Role names of {@code listRoles} that start with {@code prefix}. */
    static List<String> rolesStartingWith(JsonNode data, String prefix) {
        List<String> names = new ArrayList<>();
        for (Iterator<JsonNode> roles = data.path("roles").elements(); roles.hasNext();) {
            JsonNode role = roles.next();
            String name = role.isTextual() ? role.asText() : role.path("rolename").asText("");
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        return names;
    }
}
