package dev.tuesday.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version schema a session announces in its {@code application_name}, written and read by one rule. */
class ApplicationNameTest {

    @Test
    void theVersionSchemaComesFirstAndIsReadBack() {
        String name = VersionSchema.applicationName("public_02_full_name", "users-service-v2");

        assertThat(name).isEqualTo("public_02_full_name users-service-v2");
        assertThat(VersionSchema.inApplicationName(name)).contains("public_02_full_name");
        assertThat(VersionSchema.inApplicationName(VersionSchema.applicationName("public_02_full_name", " ")))
                .contains("public_02_full_name");
    }

    @Test
    void aSchemaWithASpaceOrAQuoteIsQuotedAsAnIdentifier() {
        String name = VersionSchema.applicationName("Weird \"V2\"", "users");

        assertThat(name).isEqualTo("\"Weird \"\"V2\"\"\" users");
        assertThat(VersionSchema.inApplicationName(name)).contains("Weird \"V2\"");
    }

    /** PostgreSQL cuts application_name at 63 bytes: a quoted schema cut before its end names nothing for sure. */
    @Test
    void aNameCutInsideTheQuotedSchemaNamesNoSchema() {
        assertThat(VersionSchema.inApplicationName("\"Weird \"\"V")).isEmpty();
        assertThat(VersionSchema.inApplicationName("")).isEmpty();
        assertThat(VersionSchema.inApplicationName("PostgreSQL JDBC Driver")).contains("PostgreSQL");
    }
}
