package io.solomo.decision.coupon;

import org.springframework.data.jpa.repository.JpaRepository;

/** Coupons by code. */
interface CouponRepository extends JpaRepository<Coupon, String> {
}
