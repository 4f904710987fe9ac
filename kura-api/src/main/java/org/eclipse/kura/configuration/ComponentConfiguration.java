package org.eclipse.kura.configuration;

import java.util.Map;

import org.eclipse.kura.configuration.metatype.OCD;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The configuration of one component: its PID, its metatype definition and its properties.
 */
@ProviderType
public interface ComponentConfiguration {

    String getPid();

    OCD getDefinition();

    Map<String, Object> getConfigurationProperties();
}
