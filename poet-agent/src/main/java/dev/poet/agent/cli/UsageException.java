package dev.poet.agent.cli;

/** Arguments the command cannot run with; the message says what was wrong. Exit code 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
