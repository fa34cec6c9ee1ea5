package io.solomo.decision.share;

import io.solomo.decision.coupon.Coupon;
import io.solomo.decision.coupon.CouponIssuer;
import io.solomo.decision.coupon.CouponRedeemed;
import io.solomo.decision.loyalty.LoyaltyProgramme;
import io.solomo.decision.offer.OfferRepository;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.profile.Interactions;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.loyalty.LoyaltyAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Share links with attribution. A share records a {@code SOCIAL_SHARE} interaction for the sharer (raising the
 * advocacy score) and credits the share points once; each click on its public link is counted; a friend claims a
 * coupon of the offer through it, and when that coupon is redeemed the sharer earns the referral points, once per
 * coupon and never for his own share.
 */
@Service
class SocialShares {

    private static final Logger log = LoggerFactory.getLogger(SocialShares.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Crockford's base32, as in coupon codes: no I, L, O or U. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int CODE_LENGTH = 8;
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9_-]{1,40}");

    private final JdbcTemplate jdbc;
    private final CustomerDirectory directory;
    private final OfferRepository offers;
    private final Interactions interactions;
    private final LoyaltyProgramme loyalty;
    private final CouponIssuer coupons;
    private final ShareSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SocialShares(JdbcTemplate jdbc, CustomerDirectory directory, OfferRepository offers, Interactions interactions,
                 LoyaltyProgramme loyalty, CouponIssuer coupons, ShareSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.offers = offers;
        this.interactions = interactions;
        this.loyalty = loyalty;
        this.coupons = coupons;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates a share of the offer by the customer on the network, and credits the share points. */
    @Transactional
    Created share(String sharerId, String offerId, String network, String actor) {
        if (offerId == null || offerId.isBlank()) {
            throw new InvalidFieldException("offerId", offerId, "offerId, the offer being shared, is missing");
        }
        if (network == null || !NETWORK.matcher(network.trim().toLowerCase(Locale.ROOT)).matches()) {
            throw new InvalidFieldException("network", network, "network must be a name such as facebook, "
                    + "instagram or whatsapp: 1 to 40 letters, digits, '-' or '_'");
        }
        String sharer = requireCustomer(sharerId, "customerId");
        if (!offers.existsById(offerId.trim())) {
            throw new NotFoundException("offer", "offerId", offerId);
        }
        String offer = offerId.trim();
        String channel = network.trim().toLowerCase(Locale.ROOT);
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
        return new Created(code, settings.shareUrl(code), offer, sharer, channel, points);
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

    /**
     * Issues the friend a coupon of the shared offer, attributed to the share; a second claim by the same friend
     * returns the same coupon.
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
                    "customer " + friend + " shared this offer and cannot claim it through his own share");
        }
        List<String> claimed = jdbc.queryForList("select coupon_code from share_claim where share_code = ? "
                + "and friend_id = ?", String.class, share.code(), friend);
        if (!claimed.isEmpty()) {
            Coupon coupon = coupons.find(claimed.get(0)).orElseThrow();
            return new Claimed(coupon.code(), share.offerId(), share.code(), coupon.expiresAt(),
                    coupons.qrCodeUrl(coupon.code()));
        }
        // NOTE: a claim skips the offer's dates, switch, store scope and limits (Offer.unavailabilityReason,
        // maxTotal) and the contact policy, so a friend can still get a coupon of an offer switched off since.
        Instant now = clock.instant();
        Coupon coupon = coupons.issue(share.offerId(), friend, null, "share-" + share.code(), now,
                now.plus(settings.couponValidity()));
        jdbc.update("insert into share_claim (coupon_code, share_code, friend_id, claimed_at) values (?, ?, ?, ?)",
                coupon.code(), share.code(), friend, now.atOffset(ZoneOffset.UTC));
        log.info("Customer {} claimed offer {} through share {}", friend, share.offerId(), share.code());
        return new Claimed(coupon.code(), share.offerId(), share.code(), coupon.expiresAt(),
                coupons.qrCodeUrl(coupon.code()));
    }

    /**
     * Credits the sharer the referral points when a coupon claimed through a share is redeemed, in the
     * redemption's transaction, once per coupon, and never when the sharer redeems it himself.
     */
    @EventListener
    void onRedeemed(CouponRedeemed redeemed) {
        List<Share> shares = jdbc.query("select s.* from share_link s join share_claim c on c.share_code = s.code "
                + "where c.coupon_code = ?", SocialShares::share, redeemed.code());
        if (shares.isEmpty()) {
            return;
        }
        Share share = shares.get(0);
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

    record Share(String code, String offerId, String sharerId, String network, Instant createdAt, long clicks) {
    }

    /** @param pointsCredited the share points credited to the sharer now */
    record Created(String code, String url, String offerId, String sharerId, String network, int pointsCredited) {
    }

    /** A coupon of the shared offer issued to a friend, attributed to the share. */
    record Claimed(String couponCode, String offerId, String shareCode, Instant expiresAt, String qrCodeUrl) {
    }

    /** @param redeemedClaims the claimed coupons already redeemed, each of which earned the sharer referral points */
    record Summary(String code, String url, String offerId, String sharerId, String network, Instant createdAt,
                   long clicks, int claims, int redeemedClaims) {
    }
}
