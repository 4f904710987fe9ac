package org.eclipse.kura.deployment.agent;

/**
 * Type returned by {@link DeploymentAgentService#getMarketplacePackageDescriptor(String)}.
 * <p>
 * The fact sheet names this type but lists none of its members: the constructor and getters below are
 * a minimal stand-in of this reproduction, not Kura's signatures. kprov must not call them.
 */
public class MarketplacePackageDescriptor {

    private final String url;
    private final String dpUrl;
    private final boolean compatible;

    public MarketplacePackageDescriptor(String url, String dpUrl, boolean compatible) {
        this.url = url;
        this.dpUrl = dpUrl;
        this.compatible = compatible;
    }

    public String getUrl() {
        return this.url;
    }

    public String getDpUrl() {
        return this.dpUrl;
    }

    public boolean isCompatible() {
        return this.compatible;
    }
}
