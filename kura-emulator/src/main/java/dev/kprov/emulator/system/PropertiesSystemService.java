package dev.kprov.emulator.system;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.eclipse.kura.system.ExtendedProperties;
import org.eclipse.kura.system.SystemResourceInfo;
import org.eclipse.kura.system.SystemService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Kura's SystemService for an emulated gateway. Identity and directories come from properties with Kura's
 * own keys ({@code kura.serialNumber}, {@code kura.model.id}, {@code kura.data}, ...), read from the
 * framework properties under DS, or from a map in plain Java. The primary MAC address, which Kura reads
 * from the network interface, comes from {@value #KEY_PRIMARY_MAC}. What an emulator cannot know is
 * {@link SystemService#UNKNOWN}, as on a gateway where Kura could not read it.
 */
@Component(service = SystemService.class, property = "kura.service.pid=org.eclipse.kura.system.SystemService")
public final class PropertiesSystemService implements SystemService {

    /** The emulated gateway's primary MAC address, {@code AA:BB:CC:DD:EE:FF}. */
    public static final String KEY_PRIMARY_MAC = "kprov.emulator.primaryMacAddress";

    private volatile UnaryOperator<String> lookup;
    private volatile BundleContext context;

    /** For DS: properties are read from the framework in {@link #activate(BundleContext)}. */
    public PropertiesSystemService() {
        this.lookup = System::getProperty;
    }

    /** For plain Java use: {@code properties} maps Kura's keys to values; others fall back to the JVM's. */
    public PropertiesSystemService(Map<String, String> properties) {
        Map<String, String> copy = Collections.unmodifiableMap(new java.util.HashMap<>(properties));
        this.lookup = key -> copy.containsKey(key) ? copy.get(key) : System.getProperty(key);
    }

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        this.lookup = context::getProperty;
    }

    private String get(String key) {
        String value = lookup.apply(key);
        return value == null ? UNKNOWN : value;
    }

    private String getOrNull(String key) {
        return lookup.apply(key);
    }

    private int getInt(String key, int fallback) {
        String value = lookup.apply(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public String getPrimaryMacAddress() {
        return get(KEY_PRIMARY_MAC);
    }

    @Override
    public String getPrimaryNetworkInterfaceName() {
        String value = getOrNull(KEY_PRIMARY_NET_IFACE);
        return value == null ? "eth0" : value;
    }

    @Override
    public String getPlatform() {
        return get(KEY_PLATFORM);
    }

    @Override
    public String getModelId() {
        return get(KEY_MODEL_ID);
    }

    @Override
    public String getModelName() {
        return get(KEY_MODEL_NAME);
    }

    @Override
    public String getPartNumber() {
        return get(KEY_PART_NUMBER);
    }

    @Override
    public String getSerialNumber() {
        return get(KEY_SERIAL_NUM);
    }

    @Override
    public String getDeviceName() {
        return get(KEY_DEVICE_NAME);
    }

    @Override
    public String getBiosVersion() {
        return get(KEY_BIOS_VERSION);
    }

    @Override
    public String getFirmwareVersion() {
        return get(KEY_FIRMWARE_VERSION);
    }

    @Override
    public String getOsArch() {
        return get(KEY_OS_ARCH);
    }

    @Override
    public String getOsName() {
        return get(KEY_OS_NAME);
    }

    @Override
    public String getOsVersion() {
        return get(KEY_OS_VER);
    }

    @Override
    public String getOsDistro() {
        return get(KEY_OS_DISTRO);
    }

    @Override
    public String getOsDistroVersion() {
        return get(KEY_OS_DISTRO_VER);
    }

    @Override
    public String getJavaVendor() {
        return get(KEY_JAVA_VENDOR);
    }

    @Override
    public String getJavaVersion() {
        return get(KEY_JAVA_VERSION);
    }

    @Override
    public String getJavaVmName() {
        return get(KEY_JAVA_VM_NAME);
    }

    @Override
    public String getJavaVmVersion() {
        return get(KEY_JAVA_VM_VERSION);
    }

    @Override
    public String getJavaVmInfo() {
        return get(KEY_JAVA_VM_INFO);
    }

    @Override
    public String getOsgiFwName() {
        return get(KEY_OSGI_FW_NAME);
    }

    @Override
    public String getOsgiFwVersion() {
        return get(KEY_OSGI_FW_VERSION);
    }

    @Override
    public String getFileSeparator() {
        return get(KEY_FILE_SEP);
    }

    @Override
    public String getJavaHome() {
        return get(KEY_JAVA_HOME);
    }

    @Override
    public String getKuraVersion() {
        return get(KEY_KURA_VERSION);
    }

    @Override
    public String getKuraFrameworkConfigDirectory() {
        return get(KEY_KURA_FRAMEWORK_CONFIG_DIR);
    }

    @Override
    public String getKuraUserConfigDirectory() {
        return get(KEY_KURA_USER_CONFIG_DIR);
    }

    @Override
    public String getKuraMarketplaceCompatibilityVersion() {
        return get(KEY_KURA_MARKETPLACE_COMPATIBILITY_VERSION);
    }

    @Override
    public String getKuraHome() {
        return get(KEY_KURA_HOME_DIR);
    }

    @Override
    public String getKuraTemporaryConfigDirectory() {
        return get(KEY_KURA_TMP_DIR);
    }

    @Override
    public String getKuraSnapshotsDirectory() {
        return get(KEY_KURA_SNAPSHOTS_DIR);
    }

    @Override
    public int getKuraSnapshotsCount() {
        return getInt(KEY_KURA_SNAPSHOTS_COUNT, 10);
    }

    @Override
    public String getKuraStyleDirectory() {
        return get(KEY_KURA_STYLE_DIR);
    }

    @Override
    public int getKuraWifiTopChannel() {
        return getInt(KEY_KURA_WIFI_TOP_CHANNEL, 11);
    }

    @Override
    public String getKuraWebEnabled() {
        return get(KEY_KURA_HAVE_WEB_INTER);
    }

    @Override
    public String getKuraDataDirectory() {
        return get(KEY_KURA_DATA_DIR);
    }

    @Override
    public int getFileCommandZipMaxUploadSize() {
        return getInt(KEY_FILE_COMMAND_ZIP_MAX_SIZE, 100);
    }

    @Override
    public int getFileCommandZipMaxUploadNumber() {
        return getInt(KEY_FILE_COMMAND_ZIP_MAX_NUMBER, 1024);
    }

    @Override
    public Properties getProperties() {
        Properties properties = new Properties();
        for (String key : new String[] { KEY_SERIAL_NUM, KEY_MODEL_ID, KEY_MODEL_NAME, KEY_KURA_VERSION,
                KEY_DEVICE_NAME, KEY_PLATFORM, KEY_PRIMARY_NET_IFACE, KEY_KURA_DATA_DIR, KEY_KURA_SNAPSHOTS_DIR }) {
            String value = getOrNull(key);
            if (value != null) {
                properties.setProperty(key, value);
            }
        }
        return properties;
    }

    @Override
    public Bundle[] getBundles() {
        BundleContext current = context;
        return current == null ? new Bundle[0] : current.getBundles();
    }

    @Override
    public List<SystemResourceInfo> getSystemPackages() {
        return Collections.emptyList();
    }

    @Override
    public int getNumberOfProcessors() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public long getTotalMemory() {
        return Runtime.getRuntime().totalMemory() / 1024;
    }

    @Override
    public long getFreeMemory() {
        return Runtime.getRuntime().freeMemory() / 1024;
    }

    @Override
    public char[] getJavaKeyStorePassword() {
        return new char[0];
    }

    @Override
    public char[] getJavaTrustStorePassword() {
        return new char[0];
    }

    @Override
    public List<String> getDeviceManagementServiceIgnore() {
        return Collections.emptyList();
    }

    @Override
    public String getHostname() {
        return get("kprov.emulator.hostname");
    }

    @Override
    public String getNetVirtualDevicesConfig() {
        return get(KEY_KURA_NET_VIRTUAL_DEVICES_CONFIG);
    }

    @Override
    public String getCommandUser() {
        return get(KEY_COMMAND_USER);
    }

    @Override
    public String getCpuVersion() {
        return get(KEY_CPU_VERSION);
    }

    @Override
    public Optional<ExtendedProperties> getExtendedProperties() {
        return Optional.empty();
    }

    @Override
    public boolean isLegacyBluetoothBeaconScan() {
        return false;
    }

    @Override
    public boolean isLegacyPPPLoggingEnabled() {
        return false;
    }

    @Override
    public String getJavaVmVendor() {
        return get(KEY_JAVA_VM_VENDOR);
    }

    @Override
    public String getJdkVendorVersion() {
        return get(KEY_JDK_VENDOR_VERSION);
    }
}
