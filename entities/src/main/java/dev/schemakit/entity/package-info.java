/**
 * JPA entities read from class files (jakarta, javax, Hibernate) and compared with contracts and migrated
 * databases: the three-way drift. Part of schemakit-entities; needs no database.
 */
package dev.schemakit.entity;
