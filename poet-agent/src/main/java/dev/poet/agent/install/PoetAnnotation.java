package dev.poet.agent.install;

/**
 * Names {@code @dev.poet.api.Poet} as class files spell it, so the agent needs no copy of the
 * annotation class (applications bring {@code poet-api} themselves).
 */
final class PoetAnnotation {

    static final String NAME = "dev.poet.api.Poet";
    /** How the annotation's type appears in a class file's constant pool. */
    static final byte[] DESCRIPTOR = "Ldev/poet/api/Poet;".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private PoetAnnotation() {
    }

    /** Whether {@code classFile} mentions the annotation at all: a cheap filter before any parsing. */
    static boolean mentionedIn(byte[] classFile) {
        outer:
        for (int i = 0, last = classFile.length - DESCRIPTOR.length; i <= last; i++) {
            for (int j = 0; j < DESCRIPTOR.length; j++) {
                if (classFile[i + j] != DESCRIPTOR[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
