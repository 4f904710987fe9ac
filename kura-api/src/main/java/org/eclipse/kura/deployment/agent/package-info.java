/**
 * Compile-only reproduction of the Kura deployment agent API. On a real gateway this package is
 * exported by the separate bundle {@code org.eclipse.kura.deployment.agent}, not by the API bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.eclipse.kura.deployment.agent;
