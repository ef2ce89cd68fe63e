package io.labelwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.TaxonomyClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryClientTest {
    private final String scope = "mock-" + UUID.randomUUID();
    private final MockSchemaRegistryClient registry = MockSchemaRegistryClient.forScope(scope);

    @AfterEach
    void dropScope() {
        MockSchemaRegistryClient.drop(scope);
    }

    /** TaxonomyClass with one more field; with a default it is BACKWARD compatible, without it not. */
    private static Schema taxonomyWith(Schema.Field extra) {
        Schema v1 = TaxonomyClass.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(extra);
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }

    private static Schema withDefault() {
        return taxonomyWith(new Schema.Field("synonyms", Schema.create(Schema.Type.STRING), "Synonyms.", ""));
    }

    private static Schema withoutDefault() {
        return taxonomyWith(
                new Schema.Field("synonyms", Schema.create(Schema.Type.STRING), "Synonyms.", (Object) null));
    }

    @Test
    void shouldKeepIdAndVersionWhenSameSchemaIsRegisteredAgain() {
        int first = registry.register("t-value", TaxonomyClass.getClassSchema());
        int again = registry.register("t-value", TaxonomyClass.getClassSchema());
        int otherSubject = registry.register("u-value", TaxonomyClass.getClassSchema());

        assertThat(again).isEqualTo(first);
        assertThat(otherSubject).isEqualTo(first);
        assertThat(registry.latest("t-value").version()).isEqualTo(1);
        assertThat(registry.lookup("u-value", TaxonomyClass.getClassSchema())).isEqualTo(first);
    }

    @Test
    void shouldAddVersionWhenSchemaIsBackwardCompatible() {
        registry.register("t-value", TaxonomyClass.getClassSchema());
        int id = registry.register("t-value", withDefault());

        assertThat(registry.latest("t-value")).isEqualTo(new RegisteredSchema("t-value", id, 2, withDefault()));
        assertThat(registry.getById(id)).isEqualTo(withDefault());
    }

    @Test
    void shouldRejectWhenNewFieldHasNoDefaultUnderBackward() {
        registry.register("t-value", TaxonomyClass.getClassSchema());

        assertThat(registry.isCompatible("t-value", withoutDefault())).isFalse();
        assertThatThrownBy(() -> registry.register("t-value", withoutDefault()))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.url()).isEqualTo("mock://" + scope);
                })
                .hasMessageContaining("synonyms");
    }

    @Test
    void shouldAcceptAnySchemaWhenLevelIsNone() {
        registry.setCompatibility("t-value", CompatibilityLevel.NONE);
        registry.register("t-value", TaxonomyClass.getClassSchema());

        assertThat(registry.register("t-value", LabelEvent.getClassSchema())).isPositive();
    }

    @Test
    void shouldRejectRemovedFieldWithoutDefaultWhenLevelIsForward() {
        registry.setCompatibility("t-value", CompatibilityLevel.FORWARD);
        registry.register("t-value", withoutDefault());

        // the old schema cannot read data without its required field "synonyms"
        assertThat(registry.isCompatible("t-value", TaxonomyClass.getClassSchema()))
                .isFalse();
    }

    @Test
    void shouldCheckEveryVersionWhenLevelIsTransitive() {
        // v3 (synonyms required) reads v2 data (which has synonyms) but not v1 data (which has not)
        registry.register("plain-value", TaxonomyClass.getClassSchema());
        registry.register("plain-value", withDefault());
        registry.setCompatibility("transitive-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        registry.register("transitive-value", TaxonomyClass.getClassSchema());
        registry.register("transitive-value", withDefault());

        assertThat(registry.isCompatible("plain-value", withoutDefault())).isTrue();
        assertThat(registry.isCompatible("transitive-value", withoutDefault())).isFalse();
    }

    @Test
    void shouldTreatUnknownSubjectAsCompatibleAndUnknownIdAsNotFound() {
        assertThat(registry.isCompatible("nobody", LabelEvent.getClassSchema())).isTrue();
        assertThatThrownBy(() -> registry.getById(99)).isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> registry.latest("nobody")).isInstanceOf(SubjectNotFoundException.class);
        assertThatThrownBy(() -> registry.lookup("nobody", LabelEvent.getClassSchema()))
                .isInstanceOf(SubjectNotFoundException.class);
    }

    @Test
    void shouldShareStateWithinScopeAndForgetItWhenDropped() {
        registry.register("t-value", TaxonomyClass.getClassSchema());
        SchemaRegistryClient viaConfig =
                SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "mock://" + scope));

        assertThat(viaConfig.subjects()).containsExactly("t-value");
        MockSchemaRegistryClient.drop(scope);
        assertThat(MockSchemaRegistryClient.forScope(scope).subjects()).isEmpty();
        assertThat(MockSchemaRegistryClient.forScope("other-" + scope).subjects())
                .isEmpty();
    }
}
