package io.labelwatch.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.events.Box2D;
import io.labelwatch.events.Cuboid3D;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.Modality;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonAvroCodecTest {

    private static final String LABEL = """
            {"event_id":"e1","unit_id":"u1","item_id":"frame-7","pipeline":"camera-2d-boxes","modality":"CAMERA",
             "taxonomy_version":"v3","class_label":"vehicle.car","annotator_id":"a1","vendor":"acme","task_id":"t1",
             "guideline_version":"g1","tool_version":"1.2.0","expected_annotations":3,
             "geometry":{"x":1.0,"y":2.0,"width":3.0,"height":4.0},"labeled_at":"2026-01-05T10:00:00Z"}
            """;

    @Test
    void shouldFillDefaultsAndParseIsoTimestampWhenOptionalFieldsAreOmitted() {
        LabelEvent label = JsonAvroCodec.fromJson(LABEL, LabelEvent.class);

        assertThat(label.getModality()).isEqualTo(Modality.CAMERA);
        assertThat(label.getAttributes()).isEmpty();
        assertThat(label.getGoldLabel()).isNull();
        assertThat(label.getGeometry()).isEqualTo(new Box2D(1.0, 2.0, 3.0, 4.0));
        assertThat(label.getLabeledAt()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    }

    @Test
    void shouldPickCuboidBranchWhenGeometryHasCuboidFields() {
        String json = LABEL.replace(
                "{\"x\":1.0,\"y\":2.0,\"width\":3.0,\"height\":4.0}",
                "{\"center_x\":1,\"center_y\":2,\"center_z\":0.5,\"length\":4.5,\"width\":1.9,\"height\":1.6,\"yaw\":0.1}");

        LabelEvent label = JsonAvroCodec.fromJson(json, LabelEvent.class);

        assertThat(label.getGeometry()).isInstanceOf(Cuboid3D.class);
    }

    @Test
    void shouldRoundTripThroughPlainJson() throws Exception {
        LabelEvent label = JsonAvroCodec.fromJson(LABEL, LabelEvent.class);

        String rendered = JsonAvroCodec.toJson(label).toString();

        assertThat(JsonAvroCodec.fromJson(rendered, LabelEvent.class)).isEqualTo(label);
        assertThat(new ObjectMapper().readTree(rendered).get("labeled_at").asLong())
                .isEqualTo(Instant.parse("2026-01-05T10:00:00Z").toEpochMilli());
    }

    @Test
    void shouldNameFieldWhenRequiredFieldIsMissing() {
        assertThatThrownBy(() -> JsonAvroCodec.fromJson(LABEL.replace("\"unit_id\":\"u1\",", ""), LabelEvent.class))
                .isInstanceOf(JsonAvroException.class)
                .hasMessage("missing required field 'unit_id'");
    }

    @Test
    void shouldListSymbolsWhenEnumSymbolIsWrong() {
        String review = """
                {"event_id":"r1","label_event_id":"e1","unit_id":"u1","pipeline":"p","modality":"CAMERA",
                 "taxonomy_version":"v3","class_label":"vehicle.car","annotator_id":"a1","vendor":"acme",
                 "guideline_version":"g1","tool_version":"1","reviewer_id":"q1","stage":"QA","sampling":"RANDOM",
                 "sampling_rate":0.1,"verdict":"ACCEPT","reviewed_at":1767607200000}
                """;

        assertThatThrownBy(() -> JsonAvroCodec.fromJson(review, ReviewEvent.class))
                .hasMessage("field 'verdict': 'ACCEPT' is not one of ACCEPTED, CORRECTED, REJECTED");
        assertThat(JsonAvroCodec.fromJson(review.replace("ACCEPT\"", "ACCEPTED\""), ReviewEvent.class)
                        .getVerdict())
                .isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void shouldRejectUnknownFieldsAndBadJson() {
        assertThatThrownBy(() -> JsonAvroCodec.fromJson(LABEL.replace("\"vendor\"", "\"vendr\""), LabelEvent.class))
                .hasMessage("field 'vendr' is not in LabelEvent");
        assertThatThrownBy(() -> JsonAvroCodec.fromJson("{\"event_id\":", LabelEvent.class))
                .hasMessageStartingWith("not valid JSON");
    }
}
