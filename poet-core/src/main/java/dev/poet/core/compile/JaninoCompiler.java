package dev.poet.core.compile;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles one generated compilation unit (all enhancements of one instrumented class) in-process. Only the
 * bytes are kept: classes are defined later by an {@link EnhancementLoader}, after the audit.
 */
public final class JaninoCompiler {

    /**
     * @param fileName name used in error messages, e.g. {@code Enhancement.java}
     * @param source   the whole unit
     * @param visible  what the source may resolve (the loader that will define it)
     * @return binary class name to class file bytes, for every class the unit defines
     */
    public Map<String, byte[]> compile(String fileName, String source, ClassLoader visible) throws CompilationFailure {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(visible);
        compiler.setDebuggingInformation(true, true, false);
        try {
            compiler.cook(fileName, new StringReader(source));
        } catch (CompileException e) {
            throw new CompilationFailure(e.getMessage(), e);
        } catch (Exception | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new CompilationFailure("compiler failed: " + e.getMessage()
                    + (root != e ? " (" + root.getMessage() + ")" : ""), e);
        }
        return new LinkedHashMap<>(compiler.getBytecodes());
    }
}
