package io.labelwatch.testing;

import io.labelwatch.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects an {@link EmbeddedKafkaBroker} into test constructors and methods: one broker per test JVM, started on first
 * use on a free port with a temporary log directory, and closed when the JVM's tests are done (it lives in the root
 * {@link ExtensionContext.Store}, which closes {@link AutoCloseable} values).
 *
 * <p>Tests share the broker, so each uses its own topic names.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class LabelPipelineIT {
 *     @Test
 *     void shouldDoSomethingWhenX(EmbeddedKafkaBroker kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    /** The broker of this test JVM, started on first call. */
    public static EmbeddedKafkaBroker broker(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        EmbeddedKafkaBroker.class,
                        type -> EmbeddedKafkaBroker.start(0, null),
                        EmbeddedKafkaBroker.class);
    }
}
