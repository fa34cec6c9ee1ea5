package io.solomo.decision.profile;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Merge records by absorbed and by surviving profile. */
interface CustomerMergeRepository extends JpaRepository<CustomerMerge, Long> {

    Optional<CustomerMerge> findByAbsorbedId(String absorbedId);

    List<CustomerMerge> findByAbsorbedIdIn(Collection<String> absorbedIds);

    List<CustomerMerge> findBySurvivorIdOrderByMergedAtAscIdAsc(String survivorId);

    /** Points the merges into {@code absorbedId} at its own survivor, so every redirect takes one step. */
    @Modifying
    @Query("update CustomerMerge m set m.survivorId = :survivorId where m.survivorId = :absorbedId")
    int redirect(@Param("absorbedId") String absorbedId, @Param("survivorId") String survivorId);
}
