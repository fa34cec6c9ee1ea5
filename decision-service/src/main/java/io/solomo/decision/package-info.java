/**
 * The bootable decision server, split by feature: {@code profile}, {@code store}, {@code offer}, {@code coupon},
 * {@code delivery}, {@code location}, with {@code web} and {@code security} shared by all of them.
 */
package io.solomo.decision;
