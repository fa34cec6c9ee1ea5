package io.solomo.decision.share;

import io.solomo.decision.coupon.Coupon;
import io.solomo.decision.coupon.CouponIssuer;
import io.solomo.decision.coupon.CouponRedeemed;
import io.solomo.decision.loyalty.LoyaltyProgramme;
import io.solomo.decision.offer.Offer;
import io.solomo.decision.offer.OfferRepository;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.profile.Interactions;
import io.solomo.decision.store.Store;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.Problem;
import io.solomo.model.loyalty.LoyaltyAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Share links with attribution. A customer may share an offer they were offered, shown by a coupon or a contact of
 * it. The first share of an offer on a network records a {@code SOCIAL_SHARE} interaction for the sharer (raising
 * the advocacy score) and credits the share points; sharing it again on that network returns the same link and
 * records and credits nothing. Each click on the link is counted. A friend claims a coupon of the offer through it.
 * When that coupon is redeemed, the sharer earns the referral points, once per coupon and never for his own share.
 */
@Service
class SocialShares {

    private static final Logger log = LoggerFactory.getLogger(SocialShares.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Crockford's base32, as in coupon codes: no I, L, O or U. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int CODE_LENGTH = 8;

    private final JdbcTemplate jdbc;
    private final CustomerDirectory directory;
    private final OfferRepository offers;
    private final Interactions interactions;
    private final LoyaltyProgramme loyalty;
    private final CouponIssuer coupons;
    private final ShareSettings settings;
    private final StoreCatalog stores;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SocialShares(JdbcTemplate jdbc, CustomerDirectory directory, OfferRepository offers, Interactions interactions,
                 LoyaltyProgramme loyalty, CouponIssuer coupons, ShareSettings settings, StoreCatalog stores,
                 Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.offers = offers;
        this.interactions = interactions;
        this.loyalty = loyalty;
        this.coupons = coupons;
        this.settings = settings;
        this.stores = stores;
        this.clock = clock;
    }

    /**
     * Creates a share of the offer by the customer on the network and credits the share points, or returns the
     * share created before for the same customer, offer and network, crediting nothing.
     *
     * @throws ErrorResponseException a 403 problem when the customer was never offered the offer
     */
    @Transactional
    Created share(String sharerId, String offerId, String network, String actor) {
        if (offerId == null || offerId.isBlank()) {
            throw new InvalidFieldException("offerId", offerId, "offerId, the offer being shared, is missing");
        }
        if (network == null || network.isBlank()) {
            throw new InvalidFieldException("network", network, "network is missing; send where the customer "
                    + "shares the offer, such as facebook, instagram or whatsapp");
        }
        // Each network earns the share points once per offer, so a name outside the brand's list would let an app
        // credit the points again and again under invented names.
        if (!settings.networks().contains(network.trim().toLowerCase(Locale.ROOT))) {
            throw new InvalidFieldException("network", network, "network '" + network + "' is not one of the "
                    + "networks of " + ShareSettings.NETWORKS_SETTING + ": " + String.join(", ", settings.networks()));
        }
        String sharer = requireCustomer(sharerId, "customerId");
        if (!offers.existsById(offerId.trim())) {
            throw new NotFoundException("offer", "offerId", offerId);
        }
        String offer = offerId.trim();
        String channel = network.trim().toLowerCase(Locale.ROOT);
        if (!wasOffered(sharer, offer)) {
            log.warn("Rejected share of offer {} by customer {}: the customer has no coupon or contact of it", offer,
                    sharer);
            throw notOffered(sharer, offer);
        }

        // Shares of one customer run one at a time, because two simultaneous first shares would otherwise both
        // find no earlier share and both credit the points.
        jdbc.queryForList("select customer_id from customer where customer_id = ? for update", String.class, sharer);
        Optional<Share> earlier = jdbc.query("select * from share_link where sharer_id = ? and offer_id = ? "
                + "and network = ? order by created_at, code", SocialShares::share, sharer, offer, channel)
                .stream().findFirst();
        if (earlier.isPresent()) {
            log.info("Customer {} shared offer {} on {} again: share {} returned, no points", sharer, offer, channel,
                    earlier.get().code());
            return new Created(earlier.get().code(), settings.shareUrl(earlier.get().code()), offer, sharer, channel,
                    0, true);
        }
        String code = newCode();
        Instant now = clock.instant();
        jdbc.update("insert into share_link (code, offer_id, sharer_id, network, created_at, clicks) "
                + "values (?, ?, ?, ?, ?, 0)", code, offer, sharer, channel, now.atOffset(ZoneOffset.UTC));

        ObjectNode interaction = JSON.createObjectNode()
                .put("eventId", "share-" + code)
                .put("type", "SOCIAL_SHARE")
                .put("occurredAt", now.toString())
                .put("customerId", sharer);
        interaction.putObject("attributes").put("offerId", offer).put("network", channel).put("shareCode", code);
        interactions.record(interaction, actor);
        int points = loyalty.credit(new LoyaltyAction(sharer, LoyaltyAction.Type.SOCIAL_SHARE, code, 0));

        log.info("Share {} of offer {} created by customer {} on {}, {} points", code, offer, sharer, channel,
                points);
        return new Created(code, settings.shareUrl(code), offer, sharer, channel, points, false);
    }

    /**
     * Counts a click on the public link and returns where to send the visitor.
     *
     * @throws NotFoundException when no share has this code
     */
    @Transactional
    String click(String code) {
        Share share = find(code).orElseThrow(() -> new NotFoundException("share", "code", code));
        jdbc.update("update share_link set clicks = clicks + 1 where code = ?", share.code());
        log.debug("Click on share {}", share.code());
        return settings.landingUrl(share.code(), share.offerId());
    }

    /** Returns the landing page of the share, without counting a click. */
    String landingUrl(String code) {
        Share share = find(code).orElseThrow(() -> new NotFoundException("share", "code", code));
        return settings.landingUrl(share.code(), share.offerId());
    }

    /**
     * Issues the friend a coupon of the shared offer, attributed to the share. A second claim of the share by the
     * same friend returns the same coupon.
     *
     * @throws ErrorResponseException a 409 problem when the friend claimed the same offer through another share
     */
    @Transactional
    Claimed claim(String code, String friendId) {
        Share share = find(code).orElseThrow(() -> new NotFoundException("share", "code", code));
        if (friendId == null || friendId.isBlank()) {
            throw new InvalidFieldException("customerId", friendId, "customerId, the friend claiming the offer, "
                    + "is missing");
        }
        String friend = requireCustomer(friendId, "customerId");
        if (friend.equals(share.sharerId())) {
            throw new InvalidFieldException("customerId", friend,
                    "customer " + friend + " shared this offer and cannot claim it through their own share");
        }
        // Claims of one friend run one at a time, because two simultaneous first claims would otherwise both find
        // no claim and the second insert would break the one-claim constraint.
        List<String> friendTimeZone = jdbc.queryForList("select time_zone from customer where customer_id = ? "
                + "for update", String.class, friend);
        List<String> claimed = jdbc.queryForList("select coupon_code from share_claim where share_code = ? "
                + "and friend_id = ?", String.class, share.code(), friend);
        if (!claimed.isEmpty()) {
            Coupon coupon = coupons.find(claimed.get(0)).orElseThrow();
            return new Claimed(coupon.code(), share.offerId(), share.code(), coupon.expiresAt(),
                    coupons.qrCodeUrl(coupon.code()), true);
        }
        // A friend gets one coupon of an offer through shares, whichever share or sharer it comes from. Otherwise
        // a sharer could hand the same friend a coupon per network and earn the referral points for each one.
        List<Map<String, Object>> otherClaims = jdbc.queryForList("select c.share_code, c.coupon_code "
                + "from share_claim c join share_link s on s.code = c.share_code "
                + "where c.friend_id = ? and s.offer_id = ? order by c.claimed_at, c.coupon_code", friend,
                share.offerId());
        if (!otherClaims.isEmpty()) {
            String earlierShare = (String) otherClaims.get(0).get("share_code");
            log.info("Claim of share {} by customer {} rejected: offer {} was claimed through share {} before",
                    share.code(), friend, share.offerId(), earlierShare);
            throw alreadyClaimed(friend, share.offerId(), earlierShare,
                    (String) otherClaims.get(0).get("coupon_code"));
        }
        Instant now = clock.instant();
        Offer offer = offers.findById(share.offerId()).orElse(null);
        String unavailable = unavailability(share.offerId(), offer, now);
        if (unavailable != null) {
            log.info("Claim of share {} by customer {} rejected: {}", share.code(), friend, unavailable);
            throw offerUnavailable(share, unavailable);
        }
        // The coupon of an offer for one store is redeemable at that store only, as a decision's coupon is.
        // NOTE: a claim skips the volume limits and the contact policy, which count contacts rather than coupons
        // given to friends, and an offer's chain scope, which coupons cannot carry.
        Instant expiresAt = claimExpiry(offer, now, ZoneId.of(friendTimeZone.get(0)));
        Coupon coupon = coupons.issue(share.offerId(), friend, offer.storeId(), "share-" + share.code(), now,
                expiresAt);
        jdbc.update("insert into share_claim (coupon_code, share_code, friend_id, claimed_at) values (?, ?, ?, ?)",
                coupon.code(), share.code(), friend, now.atOffset(ZoneOffset.UTC));
        log.info("Customer {} claimed offer {} through share {}", friend, share.offerId(), share.code());
        return new Claimed(coupon.code(), share.offerId(), share.code(), coupon.expiresAt(),
                coupons.qrCodeUrl(coupon.code()), false);
    }

    /**
     * Returns the expiry of a coupon claimed now. An offer with its own coupon validity keeps it, because its words
     * promise it ("10% off today"), and an end-of-day coupon ends with the day in the offer's store's time zone,
     * else the friend's. Other offers get {@code solomo.shares.coupon-validity}. Both stop at the offer's validTo.
     */
    private Instant claimExpiry(Offer offer, Instant now, ZoneId friendTimeZone) {
        if (offer.couponLifetime() == null) {
            Instant validity = now.plus(settings.couponValidity());
            return validity.isBefore(offer.validTo()) ? validity : offer.validTo();
        }
        ZoneId zone = Optional.ofNullable(offer.storeId()).flatMap(stores::find).map(Store::timeZone)
                .orElse(friendTimeZone);
        return offer.couponExpiry(now.atZone(zone), settings.couponValidity());
    }

    /**
     * Credits the sharer the referral points when a coupon claimed through a share is redeemed, in the
     * redemption's transaction, once per coupon, and never when the sharer redeems it himself.
     */
    // NOTE: a purchase, or a redemption with customerId, rejects a coupon presented by anyone but its owner. A
    // redemption without customerId cannot tell who presents it, so a sharer redeeming a friend's coupon there
    // still earns the points.
    @EventListener
    void onRedeemed(CouponRedeemed redeemed) {
        List<Share> shares = jdbc.query("select s.* from share_link s join share_claim c on c.share_code = s.code "
                + "where c.coupon_code = ?", SocialShares::share, redeemed.code());
        if (shares.isEmpty()) {
            return;
        }
        Share share = shares.get(0);
        if (share.sharerId() == null) {
            log.info("Coupon of share {} redeemed: its sharer's data was erased, so no referral points", share.code());
            return;
        }
        if (share.sharerId().equals(redeemed.customerId())) {
            log.info("Coupon of share {} redeemed by its own sharer {}: no referral points", share.code(),
                    share.sharerId());
            return;
        }
        int points = loyalty.credit(new LoyaltyAction(share.sharerId(), LoyaltyAction.Type.REFERRAL_REDEEMED,
                redeemed.code(), 0));
        log.info("Referral through share {}: customer {} credited {} points", share.code(), share.sharerId(),
                points);
    }

    /** Returns the share with its clicks, claims and redeemed claims. */
    @Transactional(readOnly = true)
    Summary summary(String code) {
        Share share = find(code).orElseThrow(() -> new NotFoundException("share", "code", code));
        Integer claims = jdbc.queryForObject("select count(*) from share_claim where share_code = ?",
                Integer.class, share.code());
        Integer redeemed = jdbc.queryForObject("select count(*) from share_claim c join coupon k "
                + "on k.code = c.coupon_code where c.share_code = ? and k.redeemed_at is not null",
                Integer.class, share.code());
        return new Summary(share.code(), settings.shareUrl(share.code()), share.offerId(), share.sharerId(),
                share.network(), share.createdAt(), share.clicks(), claims, redeemed);
    }

    private Optional<Share> find(String code) {
        if (code == null || code.length() > CODE_LENGTH * 2) {
            return Optional.empty();
        }
        return jdbc.query("select * from share_link where code = ?", SocialShares::share,
                code.trim().toUpperCase(Locale.ROOT)).stream().findFirst();
    }

    /** Tells whether the customer was offered the offer: a coupon of it was issued to them or it was presented. */
    private boolean wasOffered(String customerId, String offerId) {
        Integer coupons = jdbc.queryForObject("select count(*) from coupon where customer_id = ? and offer_id = ?",
                Integer.class, customerId, offerId);
        if (coupons != null && coupons > 0) {
            return true;
        }
        Integer contacts = jdbc.queryForObject("select count(*) from contact where customer_id = ? and offer_id = ?",
                Integer.class, customerId, offerId);
        return contacts != null && contacts > 0;
    }

    private static ErrorResponseException notOffered(String customerId, String offerId) {
        return Problem.of(HttpStatus.FORBIDDEN, "share-not-offered", "Offer not received", "customer " + customerId
                        + " was never offered offer " + offerId + " (no coupon or contact of it), so cannot share it; "
                        + "a customer shares the offers they received")
                .field("offerId", offerId)
                .exception();
    }

    /** Returns why a coupon of the offer cannot be given now, or null when it can. */
    private static String unavailability(String offerId, Offer offer, Instant now) {
        if (offer == null) {
            return "offer " + offerId + " no longer exists";
        }
        if (!offer.active()) {
            return "offer " + offerId + " was switched off";
        }
        if (now.isBefore(offer.validFrom()) || !now.isBefore(offer.validTo())) {
            return "offer " + offerId + " is valid from " + offer.validFrom() + " to " + offer.validTo()
                    + ", not at " + now;
        }
        return null;
    }

    private static ErrorResponseException offerUnavailable(Share share, String reason) {
        return Problem.of(HttpStatus.CONFLICT, "offer-unavailable", "Offer unavailable", "share " + share.code()
                        + " cannot be claimed now: " + reason)
                .field("code", share.code())
                .with("offerId", share.offerId())
                .exception();
    }

    private static ErrorResponseException alreadyClaimed(String friendId, String offerId, String shareCode,
                                                         String couponCode) {
        return Problem.of(HttpStatus.CONFLICT, "offer-already-claimed", "Offer already claimed", "customer "
                        + friendId + " claimed offer " + offerId + " through share " + shareCode
                        + " before and was issued coupon " + couponCode
                        + "; a friend gets one coupon of an offer through shares")
                .field("customerId", friendId)
                .with("offerId", offerId)
                .with("shareCode", shareCode)
                .with("couponCode", couponCode)
                .exception();
    }

    /** Returns the id the customer is known by now, following a merge, or fails with a 404 naming the field. */
    private String requireCustomer(String customerId, String field) {
        return directory.find(customerId).map(Customer::customerId)
                .orElseThrow(() -> new NotFoundException("customer", field, customerId));
    }

    private String newCode() {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    private static Share share(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        return new Share(row.getString("code"), row.getString("offer_id"), row.getString("sharer_id"),
                row.getString("network"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getLong("clicks"));
    }

    /** @param sharerId the customer who shared the offer, or null once their data was erased */
    record Share(String code, String offerId, String sharerId, String network, Instant createdAt, long clicks) {
    }

    /**
     * @param pointsCredited the share points credited to the sharer now
     * @param repeated       true when the customer had shared the offer on this network before, so this is the
     *                       earlier share and nothing was credited
     */
    record Created(String code, String url, String offerId, String sharerId, String network, int pointsCredited,
                   boolean repeated) {
    }

    /**
     * A coupon of the shared offer issued to a friend, attributed to the share.
     *
     * @param repeated true when the friend had claimed through this share before, so this is the same coupon
     */
    record Claimed(String couponCode, String offerId, String shareCode, Instant expiresAt, String qrCodeUrl,
                   boolean repeated) {
    }

    /**
     * @param sharerId       the customer who shared the offer, or null once their data was erased
     * @param redeemedClaims the claimed coupons already redeemed, each of which earned the sharer referral points
     *                       unless it was redeemed after the sharer's data was erased
     */
    record Summary(String code, String url, String offerId, String sharerId, String network, Instant createdAt,
                   long clicks, int claims, int redeemedClaims) {
    }
}
