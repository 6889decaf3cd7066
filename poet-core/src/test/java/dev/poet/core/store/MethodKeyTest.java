package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MethodKeyTest {

    @Test
    void formatIsClassTildeMethodTildeHashAndUrlSafe() {
        MethodKey k = MethodKey.of("com.acme.Outer$Inner", "quote", "(ILjava/lang/String;)D", "");
        assertThat(k.value()).matches("com\\.acme\\.Outer-Inner~quote~[0-9a-f]{8}");
        assertThat(URI.create("http://h/poet/methods/" + k.value()).getPath()).endsWith(k.value());
        assertThat(MethodKey.parse(k.value())).isEqualTo(k);
    }

    @Test
    void stableAcrossCallsAndDistinguishesOverloadsAndLoaders() {
        MethodKey a = MethodKey.of("a.B", "m", "(I)V", "");
        assertThat(MethodKey.of("a.B", "m", "(I)V", "")).isEqualTo(a);
        assertThat(MethodKey.of("a.B", "m", "(I)V", null)).isEqualTo(a);
        assertThat(MethodKey.of("a.B", "m", "(J)V", "")).isNotEqualTo(a);
        assertThat(MethodKey.of("a.B", "m", "(I)V", MethodKey.loaderDiscriminator("file:/app1.war")))
                .isNotEqualTo(a)
                .isNotEqualTo(MethodKey.of("a.B", "m", "(I)V", MethodKey.loaderDiscriminator("file:/app2.war")));
        // the lossy encoding maps both to a.B-C / a.B_C-ish names; the hash keeps them apart
        assertThat(MethodKey.of("a.B$C", "m", "()V", "")).isNotEqualTo(MethodKey.of("a.B-C", "m", "()V", ""));
    }

    @Test
    void longNamesAreTruncatedButStayDistinct() {
        String longPkg = "com." + "verylongpackagename.".repeat(20) + "Cls";
        MethodKey k1 = MethodKey.of(longPkg, "m".repeat(100), "()V", "");
        MethodKey k2 = MethodKey.of(longPkg + "2", "m".repeat(100), "()V", "");
        assertThat(k1.value().length()).isLessThanOrEqualTo(MethodKey.MAX_CLASS_PART + MethodKey.MAX_METHOD_PART + 10);
        assertThat(k1.value()).doesNotStartWith(".");
        assertThat(k1).isNotEqualTo(k2);
        assertThat(MethodKey.parse(k1.value())).isEqualTo(k1);
    }

    @Test
    void oddCharactersAreEncoded() {
        MethodKey k = MethodKey.of("a.Ünïcode", "lambda$run$0", "()V", "");
        assertThat(k.value()).matches("[A-Za-z0-9._~-]+");
    }

    @Test
    void parseRejectsForeignNames() {
        assertThatThrownBy(() -> MethodKey.parse("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MethodKey.parse("a~b~XYZ")).isInstanceOf(IllegalArgumentException.class);
    }
}
