package io.solomo.decision.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * Base of entities whose id the application assigns: codes, UUIDs, natural keys. Spring Data cannot tell such an
 * entity from a detached one by its id, so {@code save} would merge it, reading the row first, and a row inserted
 * concurrently would then be overwritten instead of refused. Each of these entities reports whether it is new.
 */
@MappedSuperclass
public abstract class AssignedIdEntity<I> implements Persistable<I> {

    @Transient
    private boolean stored;

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        stored = true;
    }
}
