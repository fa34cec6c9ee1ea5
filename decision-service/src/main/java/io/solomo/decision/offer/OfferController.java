package io.solomo.decision.offer;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.Problem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.OptionalLong;

import static io.solomo.decision.web.RequestFields.requireText;

/**
 * The campaign and offer catalogue for head-office marketers. {@code GET /api/v1/campaigns}, the list with link
 * counts, is served by the campaign package.
 *
 * <p>Every offer response carries the offer's version as its {@code ETag}. {@code PUT /api/v1/offers/{offerId}}
 * requires that tag in {@code If-Match} (or {@code *} to overwrite whatever is stored) and returns 412 when the
 * offer changed since. Offers are switched off rather than deleted, because contacts, coupons and learnt
 * propensities refer to them.
 */
@RestController
class OfferController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final OfferManagement management;
    private final OfferBodies bodies;

    OfferController(OfferManagement management, OfferBodies bodies) {
        this.management = management;
        this.bodies = bodies;
    }

    @PostMapping("/api/v1/campaigns")
    ResponseEntity<OfferManagement.CampaignDetails> createCampaign(@RequestBody OfferBodies.CampaignBody body) {
        String campaignId = OfferBodies.requireId("campaignId", body.campaignId());
        OfferManagement.CampaignDetails created = management.createCampaign(campaignId, name("nameFr",
                body.nameFr()), name("nameEn", body.nameEn()));
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaignId)).body(created);
    }

    @GetMapping("/api/v1/campaigns/{campaignId}")
    OfferManagement.CampaignDetails campaign(@PathVariable String campaignId) {
        return management.campaign(campaignId);
    }

    /** Renames a campaign. A {@code campaignId} in the body must be the path's. */
    @PutMapping("/api/v1/campaigns/{campaignId}")
    OfferManagement.CampaignDetails renameCampaign(@PathVariable String campaignId,
                                                   @RequestBody OfferBodies.CampaignBody body) {
        if (body.campaignId() != null && !body.campaignId().equals(campaignId)) {
            throw new InvalidFieldException("campaignId", body.campaignId(), "campaignId in the body must be the id "
                    + "of the path, " + campaignId + ", or left out; a campaign cannot change its id",
                    "campaignId dans le corps doit être l’identifiant du chemin, " + campaignId + ", ou être omis ; "
                            + "une campagne ne peut pas changer d’identifiant.");
        }
        return management.renameCampaign(campaignId, name("nameFr", body.nameFr()), name("nameEn", body.nameEn()));
    }

    @PostMapping("/api/v1/offers")
    ResponseEntity<OfferBodies.OfferView> createOffer(@RequestBody OfferBodies.OfferBody body) {
        OfferBodies.OfferView created = OfferBodies.view(management.createOffer(bodies.fields(null, body)));
        return ResponseEntity.created(URI.create("/api/v1/offers/" + created.offerId()))
                .eTag(OfferETags.of(created.version())).body(created);
    }

    /**
     * Lists offers ordered by id. {@code after} takes the last offer id of the previous page to read the next one.
     */
    @GetMapping("/api/v1/offers")
    List<OfferBodies.OfferView> list(@RequestParam(required = false) String campaignId,
                                     @RequestParam(required = false) Boolean active,
                                     @RequestParam(required = false) String after,
                                     @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", limit, "limit must be within 1.." + MAX_LIMIT + ", got " + limit,
                    "limit doit être compris entre 1 et " + MAX_LIMIT + ", reçu " + limit + ".");
        }
        String campaign = campaignId == null || campaignId.isBlank() ? null : campaignId.trim();
        String afterOfferId = after == null || after.isBlank() ? null : after.trim();
        return management.list(campaign, active, afterOfferId, limit).stream().map(OfferBodies::view).toList();
    }

    @GetMapping("/api/v1/offers/{offerId}")
    ResponseEntity<OfferBodies.OfferView> offer(@PathVariable String offerId) {
        return withETag(OfferBodies.view(management.offer(offerId)));
    }

    @PutMapping("/api/v1/offers/{offerId}")
    ResponseEntity<OfferBodies.OfferView> replaceOffer(@PathVariable String offerId,
                                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                       String ifMatch,
                                                       @RequestBody OfferBodies.OfferBody body) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw Problem.of(HttpStatus.PRECONDITION_REQUIRED, "if-match-missing", "If-Match missing",
                    "PUT /api/v1/offers/" + offerId + " requires If-Match with the ETag of the offer as GET returned "
                            + "it, such as \"3\", so that it cannot overwrite a change made since; send * to "
                            + "overwrite whatever is stored")
                    .fr("PUT /api/v1/offers/" + offerId + " exige l’en-tête If-Match avec l’ETag de l’offre tel que "
                            + "GET l’a renvoyé, par exemple \"3\", afin de ne pas écraser une modification faite "
                            + "depuis ; envoyez * pour écraser la version enregistrée, quelle qu’elle soit.")
                    .field("If-Match", null).exception();
        }
        OptionalLong version = OfferETags.versionIn(ifMatch);
        return withETag(OfferBodies.view(management.replaceOffer(offerId, version, bodies.fields(offerId, body))));
    }

    /** Switches an offer on; {@code If-Match} is optional, since repeating a switch changes nothing. */
    @PostMapping("/api/v1/offers/{offerId}/switch-on")
    ResponseEntity<OfferBodies.OfferView> switchOn(@PathVariable String offerId,
                                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                   String ifMatch) {
        return withETag(OfferBodies.view(management.switchActive(offerId, OfferETags.versionIn(ifMatch), true)));
    }

    /** Switches an offer off, so that no decision makes it; {@code If-Match} is optional. */
    @PostMapping("/api/v1/offers/{offerId}/switch-off")
    ResponseEntity<OfferBodies.OfferView> switchOff(@PathVariable String offerId,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                    String ifMatch) {
        return withETag(OfferBodies.view(management.switchActive(offerId, OfferETags.versionIn(ifMatch), false)));
    }

    private static ResponseEntity<OfferBodies.OfferView> withETag(OfferBodies.OfferView view) {
        return ResponseEntity.ok().eTag(OfferETags.of(view.version())).body(view);
    }

    private static String name(String field, String value) {
        return requireText(field, value, OfferBodies.MAX_NAME_LENGTH);
    }
}
