/**
 * Compile-only reproduction of the Kura DataService listener API. Version is the Kura 5.0 floor.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package org.eclipse.kura.data.listener;
