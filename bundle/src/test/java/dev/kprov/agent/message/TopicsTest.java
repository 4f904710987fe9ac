package dev.kprov.agent.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class TopicsTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";
    private final Topics topics = Topics.of("provision", "00E0C7A1B2C3");

    @Test
    void theTopicsOfSectionsFourAndEightOne() {
        assertEquals("$EDC/provision/00E0C7A1B2C3/PROV-V1/REPLY/#", topics.replySubscription());
        assertEquals("$EDC/provision/00E0C7A1B2C3/PROV-V1/POST/provision", topics.requestTopic());
        assertEquals("$EDC/provision/00E0C7A1B2C3/PROV-V1/REPLY/" + ID, topics.replyTopic(ID));
        assertEquals("$EDC/provision/00E0C7A1B2C3/PROV-V1/NOTIFY/" + ID, topics.notifyTopic(ID));
    }

    @Test
    void aReplyTopicTellsItsRequestId() {
        assertEquals(Optional.of(ID), topics.replyRequestId(topics.replyTopic(ID)));
        assertEquals(Optional.of(ID), topics.notifyRequestId(topics.notifyTopic(ID)));
    }

    @Test
    void topicsThatAreNotRepliesForThisGatewayTellNothing() {
        assertFalse(topics.replyRequestId("$EDC/provision/OTHER/PROV-V1/REPLY/" + ID).isPresent());
        assertFalse(topics.replyRequestId("$EDC/other/00E0C7A1B2C3/PROV-V1/REPLY/" + ID).isPresent());
        assertFalse(topics.replyRequestId("$EDC/provision/00E0C7A1B2C3/PROV-V1/REPLY/").isPresent());
        assertFalse(topics.replyRequestId("$EDC/provision/00E0C7A1B2C3/PROV-V1/REPLY/a/b").isPresent());
        assertFalse(topics.replyRequestId("$EDC/provision/00E0C7A1B2C3/PROV-V1/NOTIFY/" + ID).isPresent());
        assertFalse(topics.replyRequestId("$EDC/provision/00E0C7A1B2C3/PROV-V2/REPLY/" + ID).isPresent());
        assertFalse(topics.replyRequestId("$EDC/provision/00E0C7A1B2C3/PROV-V1/REPLYX/" + ID).isPresent());
    }

    @Test
    void thePlatformLearnsAccountAndClientFromARequestTopic() {
        assertEquals(Optional.of(topics), Topics.ofRequestTopic(topics.requestTopic()));
        assertEquals("00E0C7A1B2C3", Topics.ofRequestTopic(topics.requestTopic()).get().clientId());
        assertFalse(Topics.ofRequestTopic("$EDC/PROV-V1/POST/provision").isPresent());
        assertFalse(Topics.ofRequestTopic("$EDC/a/b/c/PROV-V1/POST/provision").isPresent());
        assertFalse(Topics.ofRequestTopic("$EDC//b/PROV-V1/POST/provision").isPresent());
        assertFalse(Topics.ofRequestTopic(topics.replyTopic(ID)).isPresent());
    }

    @Test
    void namesThatAreNotOneTopicLevelAreRefused() {
        for (String bad : new String[] {"", "a/b", "a+", "#", "a\0b"}) {
            assertThrows(IllegalArgumentException.class, () -> Topics.of(bad, "client"), bad);
            assertThrows(IllegalArgumentException.class, () -> Topics.of("account", bad), bad);
            assertThrows(IllegalArgumentException.class, () -> topics.replyTopic(bad), bad);
        }
    }
}
