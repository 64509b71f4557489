package dev.tuesday.migrate.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Plans as JSON, stored with the active migration so complete and rollback run what start planned. */
final class PlanJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private PlanJson() {
    }

    static String write(Plan plan) {
        try {
            return MAPPER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Plan read(String json) {
        try {
            if (MAPPER.readTree(json).path("format").asInt(1) != Plan.FORMAT) {
                throw new IllegalStateException("the active migration was started by another version of Tuesday"
                        + " (plan format " + MAPPER.readTree(json).path("format").asInt(1) + ", this one reads "
                        + Plan.FORMAT + "): complete or roll it back with that version");
            }
            return MAPPER.readValue(json, Plan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored plan cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
