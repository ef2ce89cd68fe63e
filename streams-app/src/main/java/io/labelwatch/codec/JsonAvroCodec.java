package io.labelwatch.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain JSON to and from Avro records, for people and files: fields by their Avro names, enums as symbols, timestamps
 * as epoch millis or ISO-8601 strings, unions without Avro's type wrapper (a nullable field may be omitted or null).
 * Errors name the field path and say what was expected.
 */
public final class JsonAvroCodec {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        AvroTrust.trustLabelwatchEvents();
    }

    private JsonAvroCodec() {}

    /** Parses one JSON object into a specific record of {@code type}. */
    public static <T extends SpecificRecord> T fromJson(String json, Class<T> type) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new JsonAvroException("not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(node, type);
    }

    public static <T extends SpecificRecord> T fromJson(JsonNode node, Class<T> type) {
        Schema schema = SpecificData.get().getSchema(type);
        GenericRecord generic = toRecord(node, schema, "");
        @SuppressWarnings("unchecked")
        T record = (T) SpecificData.getForSchema(schema).deepCopy(schema, generic);
        return record;
    }

    /** Parses one JSON object into a generic record of {@code schema}. */
    public static GenericRecord fromJson(JsonNode node, Schema schema) {
        return toRecord(node, schema, "");
    }

    private static GenericRecord toRecord(JsonNode node, Schema schema, String path) {
        if (node == null || !node.isObject()) {
            throw new JsonAvroException(
                    (path.isEmpty() ? "record" : "field '" + path + "'") + ": expected a JSON object");
        }
        GenericData.Record record = new GenericData.Record(schema);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new JsonAvroException("field '" + join(path, name) + "' is not in " + schema.getName());
            }
        }
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = join(path, field.name());
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull()) {
                if (accepts(field.schema(), Schema.Type.NULL)) {
                    record.put(field.pos(), null);
                } else if (field.hasDefaultValue()) {
                    record.put(field.pos(), GenericData.get().getDefaultValue(field));
                } else {
                    throw new JsonAvroException("missing required field '" + fieldPath + "'");
                }
            } else {
                record.put(field.pos(), toValue(value, field.schema(), fieldPath));
            }
        }
        return record;
    }

    private static Object toValue(JsonNode value, Schema schema, String path) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case UNION -> {
                return toUnion(value, schema, path);
            }
            case RECORD -> {
                return toRecord(value, schema, path);
            }
            case ENUM -> {
                if (!value.isTextual() || !schema.getEnumSymbols().contains(value.asText())) {
                    throw new JsonAvroException("field '" + path + "': '" + value.asText() + "' is not one of "
                            + String.join(", ", schema.getEnumSymbols()));
                }
                return new GenericData.EnumSymbol(schema, value.asText());
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    throw new JsonAvroException("field '" + path + "': expected a JSON array");
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    items.add(toValue(value.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                if (!value.isObject()) {
                    throw new JsonAvroException("field '" + path + "': expected a JSON object");
                }
                Map<String, Object> map = new LinkedHashMap<>();
                value.fields()
                        .forEachRemaining(e -> map.put(
                                e.getKey(), toValue(e.getValue(), schema.getValueType(), path + "." + e.getKey())));
                return map;
            }
            case STRING -> {
                if (!value.isTextual()) {
                    throw new JsonAvroException("field '" + path + "': expected a string");
                }
                return value.asText();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new JsonAvroException("field '" + path + "': expected true or false");
                }
                return value.asBoolean();
            }
            case INT -> {
                if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                    throw new JsonAvroException("field '" + path + "': expected a whole number");
                }
                return value.asInt();
            }
            case LONG -> {
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return Instant.ofEpochMilli(timestamp(value, path));
                }
                if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                    throw new JsonAvroException("field '" + path + "': expected a whole number");
                }
                return value.asLong();
            }
            case DOUBLE, FLOAT -> {
                if (!value.isNumber()) {
                    throw new JsonAvroException("field '" + path + "': expected a number");
                }
                return schema.getType() == Schema.Type.FLOAT ? (Object) value.floatValue() : value.asDouble();
            }
            case BYTES -> {
                return ByteBuffer.wrap(value.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            default -> throw new JsonAvroException("field '" + path + "': unsupported Avro type " + schema.getType());
        }
    }

    private static Object toUnion(JsonNode value, Schema union, String path) {
        List<Schema> branches = union.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .toList();
        if (branches.size() == 1) {
            return toValue(value, branches.get(0), path);
        }
        JsonAvroException first = null;
        for (Schema branch : branches) {
            try {
                return toValue(value, branch, path);
            } catch (JsonAvroException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw new JsonAvroException("field '" + path + "': matches none of "
                + branches.stream().map(Schema::getName).toList());
    }

    private static long timestamp(JsonNode value, String path) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(value.asText()).toEpochMilli();
                } catch (DateTimeParseException ignored) {
                    // fall through to the message below
                }
            }
        }
        throw new JsonAvroException(
                "field '" + path + "': expected epoch millis or an ISO-8601 timestamp, got " + value);
    }

    private static boolean accepts(Schema schema, Schema.Type type) {
        return schema.getType() == type
                || (schema.getType() == Schema.Type.UNION
                        && schema.getTypes().stream().anyMatch(s -> s.getType() == type));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Renders a record as a plain JSON object (timestamps as epoch millis, enums as symbols, no union wrappers). */
    public static ObjectNode toJson(IndexedRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), toNode(record.get(field.pos())));
        }
        return node;
    }

    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof IndexedRecord record) {
            return toJson(record);
        } else if (value instanceof Instant instant) {
            return NODES.numberNode(instant.toEpochMilli());
        } else if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
            return NODES.textNode(value.toString());
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Float f) {
            return NODES.numberNode(f);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            new java.util.TreeMap<>(map).forEach((k, v) -> object.set(k.toString(), toNode(v)));
            return object;
        } else if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(toNode(item)));
            return array;
        } else if (value instanceof ByteBuffer bytes) {
            return NODES.binaryNode(bytes.array());
        }
        return NODES.textNode(value.toString());
    }
}
