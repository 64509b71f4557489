package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void keepsJdbcUrlsAsGiven() {
        assertThat(DatabaseUrl.toJdbc("jdbc:postgresql://db:5432/app?user=a")).isEqualTo("jdbc:postgresql://db:5432/app?user=a");
    }

    @Test
    void turnsLibpqUrlsIntoJdbcWithUserAndPassword() {
        assertThat(DatabaseUrl.toJdbc("postgres://app:s3cret@db.local:6543/orders?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.local:6543/orders?user=app&password=s3cret&sslmode=require");
        assertThat(DatabaseUrl.toJdbc("postgresql://localhost/app")).isEqualTo("jdbc:postgresql://localhost/app");
    }

    @Test
    void rejectsOtherSchemesNamingTheOptionAndHidingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.toJdbc("mysql://u:topsecret@h/db"))
                .hasMessageContaining("--url")
                .hasMessageNotContaining("topsecret");
    }
}
