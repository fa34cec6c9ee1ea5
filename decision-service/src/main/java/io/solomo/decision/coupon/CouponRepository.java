package io.solomo.decision.coupon;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Set;

/** Coupons by code. */
interface CouponRepository extends JpaRepository<Coupon, String> {

    @Query("select distinct c.offerId from Coupon c where c.customerId = :customerId and c.redeemedAt is not null")
    Set<String> findRedeemedOfferIds(@Param("customerId") String customerId);
}
