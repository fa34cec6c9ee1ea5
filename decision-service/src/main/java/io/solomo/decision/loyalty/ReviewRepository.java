package io.solomo.decision.loyalty;

import org.springframework.data.jpa.repository.JpaRepository;

/** Reviews by review id. */
interface ReviewRepository extends JpaRepository<Review, String> {
}
