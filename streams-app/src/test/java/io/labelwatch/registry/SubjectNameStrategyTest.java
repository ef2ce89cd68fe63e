package io.labelwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectNameStrategyTest {
    private final String scope = "strategy-" + UUID.randomUUID();

    @AfterEach
    void dropScope() {
        MockSchemaRegistryClient.drop(scope);
    }

    @Test
    void shouldNameSubjectsAsConfluentDoesWhenGivenTopicAndRecord() {
        var schema = LabelEvent.getClassSchema();

        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("annotation.labels", false, schema))
                .isEqualTo("annotation.labels-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("annotation.labels", true, schema))
                .isEqualTo("annotation.labels-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("annotation.labels", false, schema))
                .isEqualTo("io.labelwatch.events.LabelEvent");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("annotation.labels", false, schema))
                .isEqualTo("annotation.labels-io.labelwatch.events.LabelEvent");
    }

    @ParameterizedTest
    @CsvSource({
        "TopicNameStrategy, TOPIC_NAME",
        "io.confluent.kafka.serializers.subject.TopicNameStrategy, TOPIC_NAME",
        "RecordNameStrategy, RECORD_NAME",
        "io.confluent.kafka.serializers.subject.RecordNameStrategy, RECORD_NAME",
        "TopicRecordNameStrategy, TOPIC_RECORD_NAME",
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, TOPIC_RECORD_NAME",
        "topic_record_name, TOPIC_RECORD_NAME"
    })
    void shouldParseShortAndConfluentNamesWhenConfigured(String configured, SubjectNameStrategy expected) {
        assertThat(SubjectNameStrategy.parse("value.subject.name.strategy", configured))
                .isEqualTo(expected);
    }

    @Test
    void shouldDefaultToTopicNameWhenNotConfigured() {
        assertThat(AvroSerdeConfig.from(Map.of(), false).subjectNameStrategy())
                .isEqualTo(SubjectNameStrategy.TOPIC_NAME);
    }

    @Test
    void shouldNameTheKeyWhenStrategyIsUnknown() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("key.subject.name.strategy", "FancyStrategy"), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key.subject.name.strategy")
                .hasMessageContaining("FancyStrategy");
    }

    @Test
    void shouldRegisterUnderRecordNameWhenValueStrategyIsRecordName() {
        Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                "mock://" + scope,
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        AvroSerde.specific(LabelEvent.class, config, false)
                .serializer()
                .serialize("annotation.labels", SampleEvents.label());
        AvroSerde.specific(LabelEvent.class, config, false)
                .serializer()
                .serialize("other.labels", SampleEvents.label());

        assertThat(MockSchemaRegistryClient.forScope(scope).subjects())
                .containsExactly("io.labelwatch.events.LabelEvent");
    }

    @Test
    void shouldRegisterOneSubjectPerRecordTypeWhenStrategyIsTopicRecordName() {
        Map<String, Object> config = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                "mock://" + scope,
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "TopicRecordNameStrategy");
        AvroSerde.specific(LabelEvent.class, config, false).serializer().serialize("mixed", SampleEvents.label());
        AvroSerde.specific(ReviewEvent.class, config, false).serializer().serialize("mixed", SampleEvents.review());

        assertThat(MockSchemaRegistryClient.forScope(scope).subjects())
                .containsExactly("mixed-io.labelwatch.events.LabelEvent", "mixed-io.labelwatch.events.ReviewEvent");
    }
}
