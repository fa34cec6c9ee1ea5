/** Coupons: signed single-use codes issued with chosen offers, and their QR images. */
package io.solomo.decision.coupon;
