package dev.poet.agent.install;

/** The methods chosen in configuration ({@code poet.methods.include}), by binary class name and method name. */
public interface Selection {

    /** Whether any method of {@code className} is listed. */
    boolean selectsClass(String className);

    /** Whether {@code methodName} of {@code className} is listed (explicitly or through {@code *}). */
    boolean selectsMethod(String className, String methodName);

    /**
     * The selection in force now, unchanging: one transformation asks this once and every question after, so a
     * class loaded while the selection is replaced sees either the old one or the new one, never a mix.
     */
    default Selection current() {
        return this;
    }

    /** Nothing listed. */
    Selection NONE = new Selection() {
        @Override
        public boolean selectsClass(String className) {
            return false;
        }

        @Override
        public boolean selectsMethod(String className, String methodName) {
            return false;
        }
    };
}
