package dev.tuesday.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.tuesday.health.VersionSchema;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.common.BaseDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Makes every connection of every {@link DataSource} bean use the version schema as its
 * {@code search_path}, before the pool opens its first connection: Hikari runs
 * {@code SET search_path TO "<schema>"} on each new connection (its connection init SQL), and
 * pgJDBC's own data sources get {@code currentSchema}. JDBC, {@code JdbcClient}, JPA and jOOQ all
 * go through these connections, so each sees the shape of its version.
 *
 * <p>Each connection also names the version schema in its {@code application_name}, before the
 * application's own name ({@code spring.application.name}, or the name the pool was given):
 * {@code tuesday migrate complete} does not drop a version schema that a session names.
 *
 * <p>A data source that delegates to another is left alone. A data source of another kind, or a
 * Hikari pool that already has its own init SQL or names its application in its JDBC URL, is
 * refused at start-up with the bean named: silently serving the wrong version's shape is worse
 * than not starting.
 */
final class VersionSchemaPool implements BeanPostProcessor {

    private static final String APPLICATION_NAME = "ApplicationName";

    private final String schema;
    private final String application;

    VersionSchemaPool(String schema, String application) {
        this.schema = schema;
        this.application = application;
        SearchPath.quote(schema); // fails at start-up on a name no connection could use
        VersionSchema.applicationName(schema, application); // and on one no session could announce
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource) || bean instanceof DelegatingDataSource) {
            // A delegating data source hands out its target's connections: the target is set up.
            return bean;
        }
        if (bean instanceof HikariDataSource hikari) {
            String own = hikari.getConnectionInitSql();
            if (own != null && !own.isBlank()) {
                throw new IllegalStateException("data source '" + beanName + "' already has connection-init-sql;"
                        + " tuesday.version-schema (" + schema + ") needs it: move that SQL elsewhere or unset tuesday.version-schema");
            }
            if (namedInUrl(hikari.getJdbcUrl())) {
                // pgJDBC takes the URL's value over the property: the version would go unannounced.
                throw new IllegalStateException("data source '" + beanName + "' sets ApplicationName in its JDBC URL, which"
                        + " would hide tuesday.version-schema (" + schema + ") from tuesday migrate complete: set"
                        + " spring.application.name or the pool's data source property ApplicationName instead");
            }
            hikari.setConnectionInitSql(SearchPath.setStatement(schema));
            String named = hikari.getDataSourceProperties().getProperty(APPLICATION_NAME, application);
            hikari.addDataSourceProperty(APPLICATION_NAME, VersionSchema.applicationName(schema, named));
            return bean;
        }
        if (bean instanceof BaseDataSource pg) {
            // pgJDBC passes currentSchema to the server as the search_path setting, which the server
            // parses as a list of identifiers: the quoted name is one schema, exactly as written.
            pg.setCurrentSchema(SearchPath.quote(schema));
            pg.setApplicationName(VersionSchema.applicationName(schema, application));
            return bean;
        }
        throw new IllegalStateException("data source '" + beanName + "' is a " + bean.getClass().getName()
                + ", on which tuesday.version-schema (" + schema + ") cannot be set: use Hikari or pgJDBC's data source,"
                + " or unset tuesday.version-schema and set the search path yourself");
    }

    private static boolean namedInUrl(String jdbcUrl) {
        Properties fromUrl = jdbcUrl == null ? null : Driver.parseURL(jdbcUrl, null);
        return fromUrl != null && fromUrl.getProperty(APPLICATION_NAME) != null;
    }
}
