package dev.poet.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.example.events.EventsApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Feedback on an execution of an earlier run of the application is accepted and joined to that execution. */
@ExtendWith(SuppressedErrorCheck.class)
class FeedbackRestartIT {

    @TempDir
    Path dir;

    @Test
    void feedbackPostedAfterARestartIsJoinedToTheExecutionOfTheEarlierRun() throws Exception {
        RunningJvm first = AgentJvm.of(EventsApp.class).workDir(dir).property("poet.activation", "eager")
                .args("serve").start();
        first.awaitOutput("ready", 90_000);
        String id = first.awaitLine(l -> l.startsWith("exec "), 1000).substring(5).trim();
        first.stop();

        RunningJvm second = AgentJvm.of(EventsApp.class).workDir(dir).property("poet.activation", "eager")
                .property("poet.http.port", "0").args("serve").start();
        try (second) {
            second.awaitOutput("ready", 90_000);
            assertThat(second.stdout()).doesNotContain(id);
            URI base = URI.create(Files.readString(dir.resolve(".poet/http.address")).trim());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/poet/feedback"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"execution_id\": \"" + id
                            + "\", \"feedback_type\": \"error\", \"label\": \"wrong_total\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            second.stop();
        }

        List<JsonNode> chain = EventsCli.read(dir.resolve(".poet"), "--execution", id);
        JsonNode execution = chain.stream().filter(e -> e.get("type").asText().equals("function.execution"))
                .findFirst().orElseThrow();
        JsonNode feedback = chain.stream().filter(e -> e.get("type").asText().equals("function.feedback"))
                .findFirst().orElseThrow();
        assertThat(execution.get("id").asText()).as("written by the first run").startsWith(id.substring(0, 12));
        assertThat(feedback.get("id").asText()).as("written by the second run").doesNotStartWith(id.substring(0, 12));
        assertThat(feedback.get("correlation_id").asText()).isEqualTo(id);
        assertThat(feedback.get("causation_id").asText()).isEqualTo(execution.get("id").asText());
        assertThat(feedback.get("payload").get("label").asText()).isEqualTo("wrong_total");
    }
}
