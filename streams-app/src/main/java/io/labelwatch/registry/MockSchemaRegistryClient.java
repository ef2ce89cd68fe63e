package io.labelwatch.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * An in-memory schema registry, selected by a {@code mock://<scope>} URL as in Confluent's serdes,
 * for TopologyTestDriver tests and for running without a registry server.
 *
 * <p>All clients of one scope share one instance ({@link #forScope(String)}); {@link #drop(String)}
 * forgets a scope so that tests stay independent. Ids are global within a scope and start at 1;
 * the same schema gets the same id under every subject. Registration enforces the subject's
 * {@link CompatibilityLevel} (BACKWARD by default) with Avro's {@link SchemaCompatibility}.
 */
public final class MockSchemaRegistryClient implements SchemaRegistryClient {
    /** URL scheme that selects the in-memory registry. */
    public static final String SCHEME = "mock://";

    private static final Map<String, MockSchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final String scope;
    private final CompatibilityLevel defaultLevel;
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> levels = new HashMap<>();
    private int nextId = 1;

    /** A private registry, not shared through a scope. */
    public MockSchemaRegistryClient() {
        this("(unscoped)", CompatibilityLevel.BACKWARD);
    }

    private MockSchemaRegistryClient(String scope, CompatibilityLevel defaultLevel) {
        this.scope = scope;
        this.defaultLevel = defaultLevel;
    }

    /** The shared instance of {@code scope}, created on first use. */
    public static MockSchemaRegistryClient forScope(String scope) {
        Objects.requireNonNull(scope, "scope");
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistryClient(s, CompatibilityLevel.BACKWARD));
    }

    /** Forgets {@code scope}: the next {@link #forScope} starts from an empty registry. */
    public static void drop(String scope) {
        SCOPES.remove(scope);
    }

    /** The scope of this registry. */
    public String scope() {
        return scope;
    }

    /** Sets the compatibility level of one subject. */
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        levels.put(subject, Objects.requireNonNull(level, "level"));
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String key = schema.toString();
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        Integer known = idsBySchema.get(key);
        if (known != null && versions.contains(known)) {
            return known;
        }
        String problem = incompatibility(subject, schema);
        if (problem != null) {
            throw new IncompatibleSchemaException(
                    "schema being registered is incompatible with an earlier schema for subject \"" + subject + "\" ("
                            + level(subject) + "): " + problem,
                    409,
                    409,
                    url());
        }
        int id = known != null ? known : nextId++;
        idsBySchema.put(key, id);
        schemasById.put(id, schema);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized int lookup(String subject, Schema schema) {
        List<Integer> versions = versions(subject);
        Integer id = idsBySchema.get(schema.toString());
        if (id == null || !versions.contains(id)) {
            throw new SchemaNotFoundException("schema not found under subject \"" + subject + "\"", 404, 40403, url());
        }
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("schema id " + id + " not found", 404, 40403, url());
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> versions = versions(subject);
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, id, versions.size(), schemasById.get(id));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return incompatibility(subject, schema) == null;
    }

    @Override
    public synchronized List<String> subjects() {
        return versionsBySubject.keySet().stream().sorted().toList();
    }

    @Override
    public String toString() {
        return "MockSchemaRegistryClient[" + url() + "]";
    }

    private String url() {
        return SCHEME + scope;
    }

    private CompatibilityLevel level(String subject) {
        return levels.getOrDefault(subject, defaultLevel);
    }

    private List<Integer> versions(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SubjectNotFoundException("subject \"" + subject + "\" not found", 404, 40401, url());
        }
        return versions;
    }

    /** Why {@code candidate} may not become the next version of {@code subject}, or null. */
    private String incompatibility(String subject, Schema candidate) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            return null;
        }
        CompatibilityLevel level = level(subject);
        List<Integer> against = switch (level) {
            case NONE -> List.of();
            case BACKWARD, FORWARD, FULL -> List.of(versions.get(versions.size() - 1));
            case BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, FULL_TRANSITIVE -> versions;
        };
        boolean backward = level != CompatibilityLevel.FORWARD && level != CompatibilityLevel.FORWARD_TRANSITIVE;
        boolean forward = level != CompatibilityLevel.BACKWARD && level != CompatibilityLevel.BACKWARD_TRANSITIVE;
        for (int id : against) {
            Schema existing = schemasById.get(id);
            if (backward) {
                String problem = check(candidate, existing);
                if (problem != null) {
                    return "new schema cannot read version with id " + id + ": " + problem;
                }
            }
            if (forward) {
                String problem = check(existing, candidate);
                if (problem != null) {
                    return "version with id " + id + " cannot read the new schema: " + problem;
                }
            }
        }
        return null;
    }

    private static String check(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " " + i.getMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }
}
