package dev.tuesday.spring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The v2 shape of a user, as JPA sees it through the version schema (no schema named here). */
@Entity
@Table(name = "users")
class UserRow {

    @Id
    Long id;

    @Column(name = "full_name")
    String fullName;
}
