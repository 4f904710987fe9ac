package org.eclipse.kura.configuration;

import org.eclipse.kura.KuraException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A component that computes and reports its own configuration.
 */
@ConsumerType
public interface SelfConfiguringComponent {

    ComponentConfiguration getConfiguration() throws KuraException;
}
