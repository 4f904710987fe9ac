/**
 * Compile-only reproduction of the Eclipse Kura core API package (errors and exceptions).
 * Version is the Kura 5.0 floor (API bundle 2.2.0).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.6.0")
package org.eclipse.kura;
