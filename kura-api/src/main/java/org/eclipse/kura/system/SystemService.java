package org.eclipse.kura.system;

import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.kura.KuraProcessExecutionErrorException;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * Kura's view of the gateway: identity, platform, directories and Java/OSGi runtime properties.
 * <p>
 * Member set of Kura 5.6 (API 2.8); the 2025/2026 additions of package version 1.9.0 are absent.
 */
@ProviderType
public interface SystemService {

    String KURA_CONFIG = "kura.configuration";

    String KURA_PROPS_FILE = "kura.properties";

    String KURA_CUSTOM_CONFIG = "kura.custom.configuration";

    String KURA_CUSTOM_PROPS_FILE = "kura_custom.properties";

    String OS_CLOUDBEES = "Linux (Cloudbees)";

    String OS_LINUX = "Linux";

    String OS_MAC_OSX = "Mac OS X";

    String UNKNOWN = "UNKNOWN";

    String UNSUPPORTED = "UNSUPPORTED";

    String KEY_KURA_NAME = "kura.name";

    String KEY_KURA_VERSION = "kura.version";

    /** @since 2.2 */
    String KEY_KURA_NET_VIRTUAL_DEVICES_CONFIG = "kura.net.virtual.devices.config";

    /** @since 2.0 */
    String KEY_KURA_FRAMEWORK_CONFIG_DIR = "kura.framework.config";

    /** @since 2.0 */
    String KEY_KURA_USER_CONFIG_DIR = "kura.user.config";

    /** @since 1.3 */
    String KEY_KURA_MARKETPLACE_COMPATIBILITY_VERSION = "kura.marketplace.compatibility.version";

    String KEY_DEVICE_NAME = "kura.device.name";

    String KEY_PLATFORM = "kura.platform";

    String KEY_MODEL_ID = "kura.model.id";

    String KEY_MODEL_NAME = "kura.model.name";

    String KEY_PART_NUMBER = "kura.partNumber";

    String KEY_SERIAL_NUM = "kura.serialNumber";

    String KEY_BIOS_VERSION = "kura.bios.version";

    String KEY_FIRMWARE_VERSION = "kura.firmware.version";

    String KEY_PRIMARY_NET_IFACE = "kura.primary.network.interface";

    String KEY_KURA_HOME_DIR = "kura.home";

    String KEY_KURA_PLUGINS_DIR = "kura.plugins";

    /** @since 1.2 */
    String KEY_KURA_PACKAGES_DIR = "kura.packages";

    String KEY_KURA_DATA_DIR = "kura.data";

    String KEY_KURA_TMP_DIR = "kura.tmp";

    String KEY_KURA_SNAPSHOTS_DIR = "kura.snapshots";

    String KEY_KURA_SNAPSHOTS_COUNT = "kura.snapshots.count";

    String KEY_KURA_HAVE_NET_ADMIN = "kura.have.net.admin";

    String KEY_KURA_HAVE_WEB_INTER = "kura.have.web.inter";

    String KEY_KURA_STYLE_DIR = "kura.style.dir";

    String KEY_KURA_WIFI_TOP_CHANNEL = "kura.wifi.top.channel";

    String KEY_KURA_KEY_STORE_PWD = "kura.ssl.keyStorePassword";

    String KEY_KURA_TRUST_STORE_PWD = "kura.ssl.trustStorePassword";

    String KEY_FILE_COMMAND_ZIP_MAX_SIZE = "file.command.zip.max.size";

    String KEY_FILE_COMMAND_ZIP_MAX_NUMBER = "file.command.zip.max.number";

    String KEY_OS_ARCH = "os.arch";

    String KEY_OS_NAME = "os.name";

    String KEY_OS_VER = "os.version";

    String KEY_OS_DISTRO = "os.distribution";

    String KEY_OS_DISTRO_VER = "os.distribution.version";

    String KEY_JAVA_VERSION = "java.runtime.version";

    String KEY_JAVA_VENDOR = "java.runtime.name";

    String KEY_JAVA_VM_NAME = "java.vm.name";

    String KEY_JAVA_VM_VERSION = "java.vm.version";

    String KEY_JAVA_VM_INFO = "java.vm.info";

    String KEY_OSGI_FW_NAME = "org.osgi.framework.vendor";

    String KEY_OSGI_FW_VERSION = "org.osgi.framework.version";

    String KEY_JAVA_HOME = "java.home";

    String KEY_FILE_SEP = "file.separator";

    String CONFIG_CONSOLE_DEVICE_MANAGE_SERVICE_IGNORE = "console.device.management.service.ignore";

    /** @since 2.2 */
    String KEY_COMMAND_USER = "kura.command.user";

    /** @since 2.2 */
    String KEY_CPU_VERSION = "cpu.version";

    /** @since 2.2 */
    String KEY_LEGACY_BT_BEACON_SCAN = "kura.legacy.bluetooth.beacon.scan";

    /** @since 2.3 */
    // since Kura 5.1 (API 2.3): inlined constant; the property is absent on a Kura 5.0 gateway
    String KEY_LEGACY_PPP_LOGGING = "kura.legacy.ppp.logging.enabled";

    /** @since 2.6 */
    // since Kura 5.4 (API 2.6): inlined constant; the property is absent on a Kura 5.0 gateway
    String KEY_JAVA_VM_VENDOR = "java.vm.vendor";

    /** @since 2.6 */
    // since Kura 5.4 (API 2.6): inlined constant; the property is absent on a Kura 5.0 gateway
    String KEY_JDK_VENDOR_VERSION = "jdk.vendor.version";

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    String DB_URL_PROPNAME = "db.service.hsqldb.url";

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    String DB_WRITE_DELAY_MILLIES_PROPNAME = "db.service.hsqldb.write_delay_millis";

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    String DB_LOG_DATA_PROPNAME = "db.service.hsqldb.log_data";

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    String DB_CACHE_ROWS_PROPNAME = "db.service.hsqldb.cache_rows";

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    String DB_LOB_FILE_PROPNAME = "db.service.hsqldb.lob_file_scale";

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    String DB_DEFRAG_LIMIT_PROPNAME = "db.service.hsqldb.defrag_limit";

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    String DB_LOG_SIZE_PROPNAME = "db.service.hsqldb.log_size";

    /** @deprecated deprecated in the Kura API. */
    @Deprecated
    String DB_NIO_PROPNAME = "db.service.hsqldb.nio_data_file";
    String getPrimaryMacAddress();

    String getPrimaryNetworkInterfaceName();

    String getPlatform();

    String getModelId();

    String getModelName();

    String getPartNumber();

    String getSerialNumber();

    String getDeviceName();

    String getBiosVersion();

    String getFirmwareVersion();

    String getOsArch();

    String getOsName();

    String getOsVersion();

    String getOsDistro();

    String getOsDistroVersion();

    String getJavaVendor();

    String getJavaVersion();

    String getJavaVmName();

    String getJavaVmVersion();

    String getJavaVmInfo();

    String getOsgiFwName();

    String getOsgiFwVersion();

    String getFileSeparator();

    String getJavaHome();

    String getKuraVersion();

    /** @since 2.0 */
    String getKuraFrameworkConfigDirectory();

    /** @since 2.0 */
    String getKuraUserConfigDirectory();

    /** @since 1.3 */
    String getKuraMarketplaceCompatibilityVersion();

    String getKuraHome();

    String getKuraTemporaryConfigDirectory();

    String getKuraSnapshotsDirectory();

    int getKuraSnapshotsCount();

    String getKuraStyleDirectory();

    int getKuraWifiTopChannel();

    String getKuraWebEnabled();

    String getKuraDataDirectory();

    int getFileCommandZipMaxUploadSize();

    int getFileCommandZipMaxUploadNumber();

    Properties getProperties();

    Bundle[] getBundles();

    /** @since 2.2 */
    List<SystemResourceInfo> getSystemPackages() throws KuraProcessExecutionErrorException;

    int getNumberOfProcessors();

    long getTotalMemory();

    long getFreeMemory();

    char[] getJavaKeyStorePassword();

    char[] getJavaTrustStorePassword();

    List<String> getDeviceManagementServiceIgnore();

    /** @since 2.0 */
    String getHostname();

    /** @since 2.2 */
    String getNetVirtualDevicesConfig();

    /** @since 2.2 */
    String getCommandUser();

    /** @since 2.2 */
    String getCpuVersion();

    /** @since 2.2 */
    Optional<ExtendedProperties> getExtendedProperties();

    /** @since 2.2 */
    boolean isLegacyBluetoothBeaconScan();

    /** @since 2.3 */
    // since Kura 5.1 (API 2.3): never call on a Kura 5.0 gateway
    boolean isLegacyPPPLoggingEnabled();

    /** @since 2.6 */
    // since Kura 5.4 (API 2.6): never call on a Kura 5.0 gateway
    String getJavaVmVendor();

    /** @since 2.6 */
    // since Kura 5.4 (API 2.6): never call on a Kura 5.0 gateway
    String getJdkVendorVersion();
}
