package dev.poet.core.feedback;

import java.util.Map;
import java.util.Objects;

import dev.poet.bridge.facade.FacadeBridge;
import dev.poet.bridge.facade.FeedbackHandler;

/**
 * Feedback from the application facade ({@code dev.poet.api.PoetFeedback}), through the bridge: the same rules and
 * store as {@code POST /poet/feedback}. Install it with {@link #install()}.
 */
public final class FacadeFeedback implements FeedbackHandler {

    /** Who facade feedback is recorded as coming from. */
    public static final String ACTOR = "application";

    private final FeedbackParser parser;
    private final FeedbackService service;

    public FacadeFeedback(FeedbackParser parser, FeedbackService service) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.service = Objects.requireNonNull(service, "service");
    }

    /** Makes this the bridge's feedback handler; the facade reaches it from then on. */
    public void install() {
        FacadeBridge.install(this);
    }

    /** Removes whatever handler the bridge has (at shutdown: the facade then answers "no agent"). */
    public static void uninstall() {
        FacadeBridge.install(null);
    }

    @Override
    public String[] submit(String executionId, String feedbackType, Map<String, Object> fields) {
        try {
            Feedback feedback = parser.of(executionId, feedbackType, fields);
            FeedbackOutcome outcome = service.submit(feedback, ACTOR);
            if (outcome instanceof FeedbackOutcome.Accepted a) {
                return new String[] {FacadeBridge.ACCEPTED, a.feedbackId()};
            }
            if (outcome instanceof FeedbackOutcome.UnknownExecution u) {
                return new String[] {FacadeBridge.UNKNOWN_EXECUTION,
                        "no execution " + u.executionId() + " was recorded; feedback not stored"};
            }
            return new String[] {FacadeBridge.FAILED, ((FeedbackOutcome.NotStored) outcome).reason()};
        } catch (InvalidFeedbackException e) {
            return new String[] {FacadeBridge.INVALID, e.getMessage()};
        } catch (RuntimeException e) {
            return new String[] {FacadeBridge.FAILED, "feedback not stored: " + e};
        }
    }
}
