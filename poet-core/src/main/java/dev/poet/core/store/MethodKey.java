package dev.poet.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The name of one method's folder under {@code <poet.home>/methods/}.
 *
 * <p>Format: {@code <class>~<method>~<hash>}, e.g. {@code com.acme.Pricing-Rules~quote~1a2b3c4d}, where
 * <ul>
 *   <li>{@code <class>} is the binary class name with {@code $} written as {@code -} and any other character
 *       outside {@code [A-Za-z0-9._-]} as {@code _}; longer than {@value #MAX_CLASS_PART} characters, only its
 *       last {@value #MAX_CLASS_PART} are kept (the most specific part of a package name is at its end);</li>
 *   <li>{@code <method>} is the method name encoded the same way, at most {@value #MAX_METHOD_PART}
 *       characters;</li>
 *   <li>{@code <hash>} is the first 8 hex digits of SHA-256 over the unencoded class name, method name, JVM
 *       descriptor and class-loader discriminator. It tells overloads apart, tells same-named classes of
 *       different loaders apart, and undoes any collision the lossy encoding or truncation could cause.</li>
 * </ul>
 * Every character is an RFC 3986 unreserved character, so a key can be used unescaped in a URL path, and is valid
 * in file names on Linux, macOS and Windows. The key depends only on its inputs: stable across JVM runs.
 * At most {@value #MAX_CLASS_PART} + {@value #MAX_METHOD_PART} + 10 characters.
 */
public final class MethodKey implements Comparable<MethodKey> {

    /** Longest encoded class part kept, in characters. */
    public static final int MAX_CLASS_PART = 80;
    /** Longest encoded method part kept, in characters. */
    public static final int MAX_METHOD_PART = 40;

    private final String value;

    private MethodKey(String value) {
        this.value = value;
    }

    /**
     * The key of a method.
     *
     * @param binaryClassName        e.g. {@code com.acme.Outer$Inner}
     * @param methodName             e.g. {@code quote}
     * @param descriptor             the JVM descriptor, e.g. {@code (ILjava/lang/String;)D}
     * @param loaderDiscriminator    tells class loaders apart, e.g. {@link #loaderDiscriminator(String)} of the
     *                               code source; empty (or null) for the application class loader
     */
    public static MethodKey of(String binaryClassName, String methodName, String descriptor,
                               String loaderDiscriminator) {
        Objects.requireNonNull(binaryClassName, "binaryClassName");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(descriptor, "descriptor");
        String disc = loaderDiscriminator == null ? "" : loaderDiscriminator;
        String hash = sha256Hex(binaryClassName + '\n' + methodName + '\n' + descriptor + '\n' + disc)
                .substring(0, 8);
        return new MethodKey(encode(binaryClassName, MAX_CLASS_PART) + '~' + encode(methodName, MAX_METHOD_PART)
                + '~' + hash);
    }

    /**
     * Reads a key back from a folder name or URL segment.
     *
     * @throws IllegalArgumentException when {@code value} is not in the key format ({@link SafeName#methodKey})
     */
    public static MethodKey parse(String value) {
        return new MethodKey(SafeName.methodKey(value));
    }

    /**
     * A short, stable discriminator for a class loader identified by its code source location (a URL or path
     * string): 8 hex digits of its SHA-256; empty for null or empty input.
     */
    public static String loaderDiscriminator(String codeSourceLocation) {
        if (codeSourceLocation == null || codeSourceLocation.isEmpty()) {
            return "";
        }
        return sha256Hex(codeSourceLocation).substring(0, 8);
    }

    private static String encode(String name, int max) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '$') {
                sb.append('-');
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-') {
                sb.append(c);
            } else {
                sb.append('_');
            }
        }
        String s = sb.length() > max ? sb.substring(sb.length() - max) : sb.toString();
        // A leading dot would hide the folder on Unix; truncation can produce one.
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s.isEmpty() ? "_" : s;
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The key as a string: the folder name. */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(MethodKey o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodKey other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
