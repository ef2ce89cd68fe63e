package io.labelwatch.topology.errorrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Operator commands on {@code labelwatch.commands}: key = chart key, value = JSON such as
 * {@code {"command":"REBASELINE","requested_by":"alice"}}. Anything else becomes an unknown command that the chart
 * processor logs and ignores.
 */
public final class Commands {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Commands() {}

    public static String rebaseline(String requestedBy) {
        return JSON.createObjectNode()
                .put("command", ChartInput.Command.REBASELINE)
                .put("requested_by", requestedBy)
                .toString();
    }

    static ChartInput.Command parse(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            String name = node.path("command").asText("").toUpperCase(Locale.ROOT);
            String by =
                    node.hasNonNull("requested_by") ? node.get("requested_by").asText() : null;
            return new ChartInput.Command(name, by);
        } catch (IOException e) {
            return new ChartInput.Command("UNPARSEABLE", null);
        }
    }
}
