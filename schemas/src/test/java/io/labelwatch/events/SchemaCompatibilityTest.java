package io.labelwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every schema stays BACKWARD compatible with its committed previous version: a consumer on the new schema reads
 * records written with the previous one, so no downstream service breaks. To evolve a schema, copy the current file
 * into src/test/resources/previous/ first, then change it (README, "Evolving a schema").
 */
class SchemaCompatibilityTest {
    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path PREVIOUS = Path.of("src/test/resources/previous");

    private static Schema parse(Path root, String name) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        try (Stream<Path> common = Files.list(root.resolve("common"))) {
            for (Path p : common.sorted().toList()) {
                parser.parse(p.toFile());
            }
        }
        return parser.parse(root.resolve(name + ".avsc").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LabelEvent", "ReviewEvent", "TaxonomyClass", "ChartPoint", "QualityAlert"})
    void shouldReadRecordsWrittenWithThePreviousVersion(String name) throws IOException {
        Schema current = parse(CURRENT, name);
        Schema previous = parse(PREVIOUS, name);

        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, previous);

        assertThat(result.getType())
                .as("%s: %s", name, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LabelEvent", "ReviewEvent", "TaxonomyClass", "ChartPoint", "QualityAlert"})
    void shouldDocumentEveryField(String name) throws IOException {
        Schema current = parse(CURRENT, name);

        assertThat(current.getDoc()).as("%s doc", name).isNotBlank();
        List<String> undocumented = current.getFields().stream()
                .filter(f -> f.doc() == null || f.doc().isBlank())
                .map(Schema.Field::name)
                .toList();
        assertThat(undocumented).as("%s fields without doc", name).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ReviewEvent"})
    void shouldRejectARemovedRequiredFieldAsIncompatible(String name) throws IOException {
        Schema previous = parse(PREVIOUS, name);
        // A reader that adds a field without a default cannot read old records: the check must catch it.
        String json = previous.toString()
                .replace(
                        "{\"name\":\"event_id\"",
                        "{\"name\":\"new_required\",\"type\":\"string\"},{\"name\":\"event_id\"");
        Schema broken = new Schema.Parser().parse(json);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, previous)
                        .getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }
}
