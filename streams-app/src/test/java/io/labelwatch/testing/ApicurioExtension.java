package io.labelwatch.testing;

import io.labelwatch.embedded.ApicurioRegistry;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a real {@link ApicurioRegistry} into test constructors and methods: one registry per test JVM, started on
 * first use and stopped when the JVM's tests are done (root {@link ExtensionContext.Store}).
 *
 * <p>Where the registry cannot run here ({@link ApicurioRegistry#unavailableReason()}: no Java 21+, no unpacked
 * distribution), the test class is skipped with that reason, except when the environment variable {@code CI} is
 * {@code true}: CI must have the registry, so there the tests fail instead.
 */
public final class ApicurioExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ApicurioExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        requireAvailable(ApicurioRegistry.unavailableReason(), System.getenv("CI"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ApicurioRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return registry(context);
    }

    /** The registry of this test JVM, started on first call (skipping or failing the test where it cannot run). */
    public static ApicurioRegistry registry(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        ApicurioRegistry running = store.get(ApicurioRegistry.class, ApicurioRegistry.class);
        if (running != null) {
            return running;
        }
        requireAvailable(ApicurioRegistry.unavailableReason(), System.getenv("CI"));
        return store.getOrComputeIfAbsent(
                ApicurioRegistry.class, type -> ApicurioRegistry.start(0), ApicurioRegistry.class);
    }

    /** Skips (locally) or fails (on CI) when {@code unavailableReason} is present. */
    static void requireAvailable(Optional<String> unavailableReason, String ciVariable) {
        if (unavailableReason.isEmpty()) {
            return;
        }
        String reason = "real schema registry not available: " + unavailableReason.get();
        if (ciVariable != null && ciVariable.trim().toLowerCase(Locale.ROOT).equals("true")) {
            Assertions.fail(reason + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort(reason);
    }
}
