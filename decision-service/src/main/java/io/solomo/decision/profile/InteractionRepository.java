package io.solomo.decision.profile;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

/** Interactions by event id. */
interface InteractionRepository extends JpaRepository<Interaction, String> {

    List<Interaction> findByCustomerIdOrderByOccurredAtAscEventIdAsc(String customerId);

    /** Returns the event id and customer id of every interaction already stored among the given event ids. */
    @Query("select i.eventId, i.customerId from Interaction i where i.eventId in :eventIds")
    List<Object[]> findStored(@Param("eventIds") Collection<String> eventIds);
}
