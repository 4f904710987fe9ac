package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marker interface: a component registered under it is managed by the {@link ConfigurationService}.
 */
@ConsumerType
public interface ConfigurableComponent {
}
