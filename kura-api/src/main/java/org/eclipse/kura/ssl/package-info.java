/**
 * Compile-only reproduction of the Kura SSL API. Version is the Kura 5.0 floor.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package org.eclipse.kura.ssl;
