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
    void encodesTheUserInfoSoNoCharacterOfAPasswordAddsAParameter() {
        assertThat(DatabaseUrl.toJdbc("postgres://a%20b:p&user=postgres=x+y%40z%25%2F:w@db/app"))
                .isEqualTo("jdbc:postgresql://db/app?user=a+b&password=p%26user%3Dpostgres%3Dx%2By%40z%25%2F%3Aw");
        assertThat(DatabaseUrl.hasPassword("postgres://a:b@db/app")).isTrue();
        assertThat(DatabaseUrl.hasPassword("postgres://a@db/app")).isFalse();
        assertThat(DatabaseUrl.hasPassword("jdbc:postgresql://db/app?user=a&Password=b")).isTrue();
        assertThat(DatabaseUrl.redact("jdbc:postgresql://db/app?user=a&password=p%26q&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=a&password=***&ssl=true");
    }

    @Test
    void rejectsOtherSchemesNamingTheOptionAndHidingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.toJdbc("mysql://u:topsecret@h/db"))
                .hasMessageContaining("--url")
                .hasMessageNotContaining("topsecret");
    }
}
