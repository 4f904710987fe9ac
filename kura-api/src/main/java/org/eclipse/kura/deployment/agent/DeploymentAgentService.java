package org.eclipse.kura.deployment.agent;

import org.eclipse.kura.ssl.SslManagerService;

/**
 * Kura's asynchronous installer of deployment packages (bundle {@code org.eclipse.kura.deployment.agent}).
 * <p>
 * No {@code @ProviderType}/{@code @ConsumerType}: the fact sheet lists none for this type.
 * The two topic constants are computed at class initialisation, as in Kura, so they are not
 * compile-time constants and consumers read them from this interface at run time.
 */
public interface DeploymentAgentService {

    String EVENT_INSTALLED_TOPIC = DeploymentAgentService.class.getPackage().getName().replace('.', '/')
            + "/INSTALLED";

    String EVENT_PACKAGE_URL = "deploymentpackage.url";

    String EVENT_SUCCESSFUL = "successful";

    String EVENT_EXCEPTION = "exception";

    String EVENT_UNINSTALLED_TOPIC = DeploymentAgentService.class.getPackage().getName().replace('.', '/')
            + "/UNINSTALLED";

    String EVENT_PACKAGE_NAME = "deploymentpackage.name";

    String EVENT_PACKAGE_VERSION = "deploymentpackage.version";

    void installDeploymentPackageAsync(String url) throws Exception;

    void uninstallDeploymentPackageAsync(String name) throws Exception;

    boolean isInstallingDeploymentPackage(String url);

    /** @since 1.4.0 */
    MarketplacePackageDescriptor getMarketplacePackageDescriptor(String url);

    /** @since 1.4.0 */
    MarketplacePackageDescriptor getMarketplacePackageDescriptor(String url, SslManagerService sslManagerService);

    boolean isUninstallingDeploymentPackage(String name);
}
