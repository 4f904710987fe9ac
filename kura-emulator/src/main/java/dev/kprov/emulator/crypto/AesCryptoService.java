package dev.kprov.emulator.crypto;

import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Kura's CryptoService as the default Kura implementation behaves: AES/GCM/NoPadding, a 12-byte random IV
 * and a 128-bit tag, the result as Base64 of IV followed by cipher text. The key comes from the framework
 * property {@value #KEY_PROPERTY} (16 characters) or, like Kura, from a built-in default; a value that
 * was not encrypted with this key fails to decrypt with a {@link KuraException}, as on a gateway.
 */
@Component(service = CryptoService.class, property = "kura.service.pid=org.eclipse.kura.crypto.CryptoService")
public final class AesCryptoService implements CryptoService {

    public static final String KEY_PROPERTY = "kprov.emulator.secretKey";
    private static final String DEFAULT_KEY = "kprov-emulator-k";
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, char[]> keyStorePasswords = new ConcurrentHashMap<>();
    private volatile SecretKeySpec key;

    /** For DS: the key is set in {@link #activate(BundleContext)}. */
    public AesCryptoService() {
        this(DEFAULT_KEY);
    }

    /** For plain Java use (tests, load harness): {@code key} must be 16, 24 or 32 characters. */
    public AesCryptoService(String key) {
        this.key = keyOf(key);
    }

    @Activate
    void activate(BundleContext context) {
        String configured = context.getProperty(KEY_PROPERTY);
        if (configured != null) {
            key = keyOf(configured);
        }
    }

    private static SecretKeySpec keyOf(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException("the emulator's AES key must be 16, 24 or 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public char[] encryptAes(char[] value) throws KuraException {
        byte[] clear = toBytes(value);
        try {
            byte[] iv = new byte[IV_LENGTH];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(clear);
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return Base64.getEncoder().encodeToString(out).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.ENCODE_ERROR, e, "value");
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    @Override
    public char[] decryptAes(char[] encryptedValue) throws KuraException {
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(new String(encryptedValue));
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, "value is not encrypted");
        }
        if (sealed.length < IV_LENGTH + TAG_BITS / 8) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, "value is not encrypted");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_LENGTH));
            byte[] clear = cipher.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(clear));
                char[] result = new char[chars.remaining()];
                chars.get(result);
                Arrays.fill(chars.array(), '\0');
                return result;
            } finally {
                Arrays.fill(clear, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.DECODER_ERROR, "value was not encrypted with this gateway's key");
        }
    }

    private static byte[] toBytes(char[] value) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    @Override
    @Deprecated
    public String encryptAes(String value) {
        try {
            return new String(encryptAes(value.toCharArray()));
        } catch (KuraException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    @Deprecated
    public String decryptAes(String encryptedValue) throws javax.crypto.IllegalBlockSizeException {
        try {
            return new String(decryptAes(encryptedValue.toCharArray()));
        } catch (KuraException e) {
            throw new javax.crypto.IllegalBlockSizeException(e.getMessage());
        }
    }

    @Override
    public String hash(String s, String algorithm) throws NoSuchAlgorithmException, UnsupportedEncodingException {
        byte[] digest = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }

    @Override
    public String encodeBase64(String stringValue) {
        return Base64.getEncoder().encodeToString(stringValue.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decodeBase64(String encodedValue) {
        return new String(Base64.getDecoder().decode(encodedValue), StandardCharsets.UTF_8);
    }

    @Override
    public char[] getKeyStorePassword(String keyStorePath) {
        char[] password = keyStorePasswords.get(keyStorePath);
        return password == null ? null : password.clone();
    }

    @Override
    public void setKeyStorePassword(String keyStorePath, char[] password) {
        keyStorePasswords.put(keyStorePath, password.clone());
    }

    @Override
    @Deprecated
    public void setKeyStorePassword(String keyStorePath, String password) {
        setKeyStorePassword(keyStorePath, password.toCharArray());
    }

    @Override
    public boolean isFrameworkSecure() {
        return false;
    }

    @Override
    public String toString() {
        return "AesCryptoService@" + Integer.toHexString(System.identityHashCode(this));
    }
}
