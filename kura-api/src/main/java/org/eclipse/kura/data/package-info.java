/**
 * Compile-only reproduction of the Kura data API. Version is the Kura 5.0 floor.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.2")
package org.eclipse.kura.data;
