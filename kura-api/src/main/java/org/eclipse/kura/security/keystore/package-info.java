/**
 * Compile-only reproduction of the Kura keystore API. Version is the Kura 5.0 floor.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.eclipse.kura.security.keystore;
