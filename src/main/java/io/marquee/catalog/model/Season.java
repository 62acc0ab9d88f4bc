package io.marquee.catalog.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A numbered season of a series. */
@Entity
@Table(name = "season")
public class Season extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "title_id")
    public UUID titleId;
    public int number;
    public String name;
}
