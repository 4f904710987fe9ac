package dev.kprov.agent.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

import dev.kprov.agent.fsm.ErrorCategory;

/** The categories a person reads in the status: a refusal is the broker's answer, a lost connection is not. */
class FailuresTest {

    @Test
    void aSubscriptionTheBrokerAnsweredWithFailureIsRefused() {
        assertEquals(ErrorCategory.BROKER_REFUSED,
                Failures.subscribeCategory(new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED)));
    }

    /** Seen under load with faults: the connection dropped while the SUBSCRIBE was in flight. */
    @Test
    void aSubscriptionCutShortByALostConnectionIsUnreachable() {
        MqttException lost = new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, new EOFException());

        assertEquals(ErrorCategory.BROKER_UNREACHABLE, Failures.subscribeCategory(lost));
    }

    @Test
    void aSubscriptionWithoutAnswerInTimeIsATimeout() {
        assertEquals(ErrorCategory.TIMEOUT,
                Failures.subscribeCategory(new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT)));
    }

    @Test
    void refusedCredentialsAreRefusedAndAnythingElseOnConnectIsUnreachable() {
        assertEquals(ErrorCategory.BROKER_REFUSED,
                Failures.connectCategory(new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION)));
        assertEquals(ErrorCategory.BROKER_UNREACHABLE,
                Failures.connectCategory(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST)));
    }
}
