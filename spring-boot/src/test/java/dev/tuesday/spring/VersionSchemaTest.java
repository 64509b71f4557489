package dev.tuesday.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.health.VersionSchema;
import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code tuesday.version-schema} puts every pooled connection on the version schema: JDBC,
 * {@code JdbcClient}, jOOQ and JPA all read the v2 shape ({@code full_name}) while the physical
 * table has only {@code name}.
 */
class VersionSchemaTest {

    static final String OWNER = "app";

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    private static TestDatabase shapes;

    @BeforeAll
    static void usersWithTwoVersionSchemas() throws Exception {
        shapes = postgres.freshDatabase("shapes", OWNER);
        shapes.execute("CREATE TABLE public.users (id bigint PRIMARY KEY, name text)",
                "INSERT INTO public.users VALUES (1, 'Ada Lovelace')");
        for (String schema : new String[] {"public_02_full_name", "Weird \"V2\""}) {
            String q = SearchPath.quote(schema);
            shapes.execute("CREATE SCHEMA " + q, "CREATE VIEW " + q + ".users AS SELECT id, name AS full_name FROM public.users");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"public_02_full_name", "Weird \"V2\""})
    void jdbcJdbcClientAndJooqSeeTheVersionsShape(String schema) throws Exception {
        try (TestApp app = TestApp.start(TestApplication.class, shapes, "tuesday.version-schema", schema)) {
            DataSource ds = app.context.getBean(DataSource.class);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_schema(), full_name, current_setting('application_name')"
                            + " FROM users WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(schema);
                assertThat(rs.getString(2)).isEqualTo("Ada Lovelace");
                // What `tuesday migrate complete` reads before it drops a version schema.
                assertThat(VersionSchema.inApplicationName(rs.getString(3))).contains(schema);
            }
            JdbcClient jdbc = app.context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT full_name FROM users WHERE id = 1").query(String.class).single()).isEqualTo("Ada Lovelace");
            assertThat(DSL.using(ds, SQLDialect.POSTGRES).fetchValue("SELECT full_name FROM users WHERE id = 1")).isEqualTo("Ada Lovelace");
            assertThat(app.get("/schema").body()).contains(schema.replace("\"", "\\\""));
        }
    }

    @Test
    void withoutAVersionSchemaConnectionsKeepTheirDefaultSearchPath() {
        try (TestApp app = TestApp.start(TestApplication.class, shapes, "tuesday.version-schema", "")) {
            JdbcClient jdbc = app.context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).isEqualTo("public");
            assertThat(jdbc.sql("SELECT name FROM users WHERE id = 1").query(String.class).single()).isEqualTo("Ada Lovelace");
        }
    }

    @Test
    void jpaEntitiesMapTheVersionsShape() {
        try (TestApp app = TestApp.start(TestApplication.class, shapes,
                "tuesday.version-schema", "public_02_full_name", "spring.autoconfigure.exclude", "")) {
            var em = app.context.getBean(EntityManagerFactory.class).createEntityManager();
            try {
                UserRow ada = em.find(UserRow.class, 1L);
                assertThat(ada.fullName).isEqualTo("Ada Lovelace");
            } finally {
                em.close();
            }
        }
    }

    @Test
    void pgjdbcsOwnDataSourceGetsTheQuotedSchemaToo() throws Exception {
        PGSimpleDataSource pg = (PGSimpleDataSource) shapes.dataSource();
        new VersionSchemaPool("Weird \"V2\"", "users").postProcessBeforeInitialization(pg, "dataSource");
        try (Connection c = pg.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_schema(), full_name, current_setting('application_name')"
                        + " FROM users WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Weird \"V2\"");
            assertThat(rs.getString(2)).isEqualTo("Ada Lovelace");
            assertThat(rs.getString(3)).isEqualTo("\"Weird \"\"V2\"\"\" users");
            assertThat(VersionSchema.inApplicationName(rs.getString(3))).contains("Weird \"V2\"");
        }
    }

    @Test
    void aPoolWithItsOwnInitSqlIsRefusedWithTheBeanNamed() {
        assertThatThrownBy(() -> TestApp.start(TestApplication.class, shapes,
                "tuesday.version-schema", "public_02_full_name", "spring.datasource.hikari.connection-init-sql", "SELECT 1"))
                .hasStackTraceContaining("data source 'dataSource' already has connection-init-sql");
    }

    @Test
    void aPoolNamingItsApplicationInItsUrlIsRefused() {
        // pgJDBC takes the URL's ApplicationName over the pool's property, which would hide the version.
        assertThatThrownBy(() -> TestApp.start(TestApplication.class, shapes, "tuesday.version-schema", "public_02_full_name",
                "spring.datasource.url", shapes.jdbcUrl() + (shapes.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=users"))
                .hasStackTraceContaining("data source 'dataSource' sets ApplicationName in its JDBC URL");
    }
}
