package org.eclipse.kura.data;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Identifies a message published through a {@link DataTransportService} within one session.
 */
@ProviderType
public class DataTransportToken {

    private final int messageId;
    private final String sessionId;

    public DataTransportToken(int messageId, String sessionId) {
        this.messageId = messageId;
        this.sessionId = sessionId;
    }

    public int getMessageId() {
        return this.messageId;
    }

    public String getSessionId() {
        return this.sessionId;
    }

    @Override
    public int hashCode() {
        final int prime = 31;
        int result = 1;
        result = prime * result + this.messageId;
        result = prime * result + (this.sessionId == null ? 0 : this.sessionId.hashCode());
        return result;
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (obj == null || getClass() != obj.getClass()) {
            return false;
        }
        DataTransportToken other = (DataTransportToken) obj;
        if (this.messageId != other.messageId) {
            return false;
        }
        return this.sessionId == null ? other.sessionId == null : this.sessionId.equals(other.sessionId);
    }
}
