package io.marquee.catalog.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A genre, named by a stable slug such as {@code sci-fi}. */
@Entity
@Table(name = "genre")
public class Genre extends PanacheEntityBase {

    @Id
    public String slug;
    public String name;
}
