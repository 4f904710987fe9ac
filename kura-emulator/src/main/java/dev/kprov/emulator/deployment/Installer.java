package dev.kprov.emulator.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one install or uninstall, run on the agent's worker thread: each returns the event that
 * reports it, successful or not, and never throws. An install reads the package into the packages
 * folder, gives it to DeploymentAdmin (which upgrades an installed package of the same name), keeps the
 * read copy as {@code <name>_<version>.dp} and records it; the copy of an older version is deleted.
 */
final class Installer {

    private static final Logger LOG = LoggerFactory.getLogger(Installer.class);

    private final DeploymentAdmin deploymentAdmin;
    private final PackageStore store;
    private final PackageFetcher fetcher;

    Installer(DeploymentAdmin deploymentAdmin, PackageStore store, PackageFetcher fetcher) {
        this.deploymentAdmin = deploymentAdmin;
        this.store = store;
        this.fetcher = fetcher;
    }

    /** Installs the package at {@code url}; the event is {@code EVENT_INSTALLED_TOPIC}. */
    Event install(String url) {
        LOG.info("{}: installing {}", DeploymentAgent.PID, Urls.shown(url));
        DeploymentPackage installed = null;
        Path download = null;
        try {
            download = store.newDownload();
            fetcher.fetch(url, download);
            installed = installFrom(download, url);
            String name = installed.getName();
            String version = installed.getVersion().toString();
            Path copy = store.keep(download, name, version);
            download = null;
            String previous = store.record(name, copy);
            if (previous != null && !copy.equals(store.copyOf(previous))) {
                deleteCopy(previous);
            }
            LOG.info("{}: installed {} {} from {}", DeploymentAgent.PID, name, version, Urls.shown(url));
            return AgentEvents.installed(url, name, version, null);
        } catch (Exception e) {
            logFailure("install of " + Urls.shown(url), e);
            return installed == null ? AgentEvents.installed(url, null, null, e)
                    : AgentEvents.installed(url, installed.getName(), installed.getVersion().toString(), e);
        } finally {
            if (download != null) {
                PackageStore.discard(download);
            }
        }
    }

    private DeploymentPackage installFrom(Path download, String url) throws KuraException, DeploymentException {
        DeploymentPackage installed;
        try (InputStream in = Files.newInputStream(download)) {
            installed = deploymentAdmin.installDeploymentPackage(in);
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.IO_ERROR, e, "cannot read " + download + ", the copy of "
                    + Urls.shown(url) + ": " + e);
        }
        if (installed == null) {
            throw new KuraException(KuraErrorCode.SERVICE_UNAVAILABLE,
                    "DeploymentAdmin returned no deployment package for " + Urls.shown(url));
        }
        return installed;
    }

    /** Uninstalls the package named {@code name}; the event is {@code EVENT_UNINSTALLED_TOPIC}. */
    Event uninstall(String name) {
        LOG.info("{}: uninstalling {}", DeploymentAgent.PID, name);
        String version = null;
        try {
            DeploymentPackage installed = deploymentAdmin.getDeploymentPackage(name);
            if (installed == null) {
                throw notInstalled(name);
            }
            version = installed.getVersion().toString();
            installed.uninstall();
            String url = store.forget(name);
            if (url != null) {
                deleteCopy(url);
            }
            LOG.info("{}: uninstalled {} {}", DeploymentAgent.PID, name, version);
            return AgentEvents.uninstalled(name, version, null);
        } catch (Exception e) {
            logFailure("uninstall of '" + name + "'", e);
            return AgentEvents.uninstalled(name, version, e);
        }
    }

    /**
     * A stale record of a package DeploymentAdmin does not have would reinstall it at the next start, though
     * it was asked to go: the record and its copy go now, and the message says so.
     */
    private KuraException notInstalled(String name) throws KuraException {
        String dropped = store.forget(name);
        if (dropped != null) {
            deleteCopy(dropped);
        }
        return new KuraException(KuraErrorCode.NOT_FOUND, "no deployment package named '" + name + "' is installed"
                + (dropped == null ? "" : "; its record in " + store.recordFile() + " was dropped"));
    }

    /** Recorded packages, name to URL, that DeploymentAdmin does not have: Kura reinstalls them at start. */
    Map<String, String> missing() throws KuraException {
        Map<String, String> missing = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : store.recorded().entrySet()) {
            if (deploymentAdmin.getDeploymentPackage(entry.getKey()) == null) {
                missing.put(entry.getKey(), entry.getValue());
            } else {
                LOG.debug("{}: {} is installed; not reinstalled", DeploymentAgent.PID, entry.getKey());
            }
        }
        return missing;
    }

    /** A copy that cannot be deleted only wastes space once its record is gone: a warning, not a failure. */
    private void deleteCopy(String url) {
        try {
            store.deleteCopy(url);
        } catch (KuraException e) {
            LOG.warn("{}: {}", DeploymentAgent.PID, e.getMessage());
        }
    }

    private static void logFailure(String what, Exception e) {
        if (e instanceof DeploymentException) {
            LOG.warn("{}: {} refused by DeploymentAdmin (code {}): {}", DeploymentAgent.PID, what,
                    ((DeploymentException) e).getCode(), e.getMessage());
        } else if (e instanceof KuraException) {
            LOG.warn("{}: {} failed: {}", DeploymentAgent.PID, what, e.getMessage());
        } else {
            LOG.warn("{}: {} failed unexpectedly: {}", DeploymentAgent.PID, what, e.toString(), e);
            return;
        }
        LOG.debug("{}: {} failed", DeploymentAgent.PID, what, e);
    }
}
