package dev.kprov.platform.broker;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the platform sets up in Mosquitto when it starts: the responder's own client
 * {@code kprov-{account}-responder}, with a random password and the role {@code kprov-{account}-platform}
 * on {@code $EDC/{account}/+/PROV-V1/#} (Mosquitto disconnects a client whose roles change, so the
 * administrator's session cannot take that role itself), and the removal of the device clients and roles an
 * earlier run of the same provision account left behind. Used on the platform's thread.
 */
final class DynsecBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(DynsecBootstrap.class);

    private final String account;
    private final String rolePrefix;
    private final String marker;
    private final List<String> leftoverRolePrefixes;
    private final String responderUsername;
    private final char[] responderPassword;

    /**
     * @param marker how the text name of every device client of this account starts
     * @param leftoverRolePrefixes how the names of device roles of this account start
     */
    DynsecBootstrap(String account, String rolePrefix, String marker, List<String> leftoverRolePrefixes) {
        this.account = account;
        this.rolePrefix = rolePrefix;
        this.marker = marker;
        this.leftoverRolePrefixes = List.copyOf(leftoverRolePrefixes);
        this.responderUsername = rolePrefix + "responder";
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        this.responderPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    String responderUsername() {
        return responderUsername;
    }

    char[] responderPassword() {
        return responderPassword.clone();
    }

    /**
     * Sends the responder's client and role, and asks for the lists of clients and roles.
     *
     * @return completed with the leftovers ({@code "client NAME"}, {@code "role NAME"}) once all is answered,
     *         or with the first refusal
     */
    CompletableFuture<List<String>> send(DynsecChannel channel) {
        CompletableFuture<List<String>> leftovers = new CompletableFuture<>();
        String role = rolePrefix + "platform";
        DynsecCommands.Batch batch = channel.batch();
        batch.deleteClient(responderUsername, responderUsername, ignored -> { });
        batch.deleteRole(role, responderUsername);
        batch.createRole(role, "kprov platform of account " + account,
                List.of("$EDC/" + account + "/+/PROV-V1/#"), responderUsername, failOn(leftovers));
        batch.createClient(responderUsername, responderPassword, null, "kprov responder of account " + account, role,
                responderUsername, failOn(leftovers));
        List<String> found = new ArrayList<>();
        batch.listClients(answer -> answer.error().ifPresentOrElse(error -> failOn(leftovers).accept(answer),
                () -> DynsecCommands.clientsMarked(answer.data(), marker).forEach(name -> found.add("client " + name))));
        batch.listRoles(answer -> {
            if (answer.error().isPresent()) {
                failOn(leftovers).accept(answer);
                return;
            }
            for (String prefix : leftoverRolePrefixes) {
                DynsecCommands.rolesStartingWith(answer.data(), prefix).forEach(name -> found.add("role " + name));
            }
            leftovers.complete(found);
        });
        channel.send(batch);
        return leftovers;
    }

    void removeLeftovers(DynsecChannel channel, List<String> leftovers) {
        if (leftovers.isEmpty()) {
            return;
        }
        DynsecCommands.Batch batch = channel.batch();
        for (String leftover : leftovers) {
            String name = leftover.substring(leftover.indexOf(' ') + 1);
            if (leftover.startsWith("client ")) {
                batch.deleteClient(name, name, ignored -> { });
            } else {
                batch.deleteRole(name, name);
            }
        }
        LOG.info("dynamic security: removing {} client(s) and role(s) an earlier run left", leftovers.size());
        channel.send(batch);
    }

    private static Consumer<DynsecCommands.Response> failOn(CompletableFuture<?> future) {
        return answer -> answer.error().ifPresent(error -> future.completeExceptionally(new IOException(
                "dynamic security refused " + answer.command() + ": " + error)));
    }
}
