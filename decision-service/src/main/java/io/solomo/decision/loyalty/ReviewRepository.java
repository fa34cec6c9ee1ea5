package io.solomo.decision.loyalty;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reviews by review id, and the moderation queue by status, oldest first. */
interface ReviewRepository extends JpaRepository<Review, String> {

    /** Loads the review and locks its row until the transaction ends, so that two verdicts cannot both apply. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select review from Review review where review.reviewId = :reviewId")
    Optional<Review> findForUpdate(@Param("reviewId") String reviewId);

    List<Review> findByStatusOrderBySubmittedAtAscReviewIdAsc(String status, Limit limit);

    /** Lists the reviews of a status submitted after the review at ({@code submittedAt}, {@code reviewId}). */
    @Query("""
            select review from Review review
            where review.status = :status
              and (review.submittedAt > :submittedAt
                   or (review.submittedAt = :submittedAt and review.reviewId > :reviewId))
            order by review.submittedAt, review.reviewId""")
    List<Review> findAfter(@Param("status") String status, @Param("submittedAt") Instant submittedAt,
                           @Param("reviewId") String reviewId, Limit limit);
}
