package dev.poet.core.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.poet.core.feedback.Feedback;
import dev.poet.core.feedback.FeedbackOutcome;
import dev.poet.core.feedback.FeedbackParser;
import dev.poet.core.feedback.FeedbackService;
import dev.poet.core.feedback.InvalidFeedbackException;

/**
 * {@code POST /poet/feedback}: 201 {@code {"feedback_id", "execution_id"}} once the feedback is on disk; 400
 * {@code bad_json} or {@code invalid_feedback} naming the field, 404 {@code unknown_execution}, 503
 * {@code not_stored} when the store failed (nothing was acknowledged; the client may retry).
 */
public final class FeedbackRoute implements RouteHandler {

    public static final String PATH = "/poet/feedback";

    private final FeedbackParser parser;
    private final FeedbackService service;

    public FeedbackRoute(FeedbackParser parser, FeedbackService service) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.service = Objects.requireNonNull(service, "service");
    }

    /** Adds this route to {@code router}. */
    public Router addTo(Router router) {
        return router.add("POST", PATH, this);
    }

    @Override
    public Response handle(Request request) throws HttpProblem {
        byte[] body = request.jsonBody();
        Feedback feedback;
        try {
            feedback = parser.parse(body);
        } catch (InvalidFeedbackException e) {
            throw new HttpProblem(400, e.isSyntax() ? "bad_json" : "invalid_feedback", e.getMessage());
        }
        FeedbackOutcome outcome = service.submit(feedback, "http:" + request.client());
        if (outcome instanceof FeedbackOutcome.Accepted accepted) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("feedback_id", accepted.feedbackId());
            answer.put("execution_id", feedback.executionId());
            return Response.json(201, answer);
        }
        if (outcome instanceof FeedbackOutcome.UnknownExecution unknown) {
            throw new HttpProblem(404, "unknown_execution", "no execution " + unknown.executionId()
                    + " was recorded (execution_id); feedback not stored");
        }
        throw new HttpProblem(503, "not_stored", ((FeedbackOutcome.NotStored) outcome).reason()
                + "; feedback not stored, try again").header("Retry-After", "1");
    }
}
