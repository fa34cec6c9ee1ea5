package io.solomo.decision.campaign;

import io.solomo.decision.offer.CampaignRepository;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Creates campaign links and records their scans. The redirect carries the campaign and the scan id as query
 * parameters ({@code utm_source=qr}, {@code utm_campaign}, {@code solomo_scan}), so that the app can report the scan
 * with the customer's identity once it is installed.
 */
@Service
class CampaignLinks {

    private static final Logger log = LoggerFactory.getLogger(CampaignLinks.class);
    private static final Set<String> REDIRECT_SCHEMES = Set.of("https", "http", "market", "itms-apps");
    private static final char[] CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    private static final int CODE_LENGTH = 8;

    private final CampaignLinkRepository links;
    private final CampaignScanRepository scans;
    private final CampaignRepository campaigns;
    private final Clock clock;
    private final String publicBaseUrl;
    private final SecureRandom random = new SecureRandom();

    CampaignLinks(CampaignLinkRepository links, CampaignScanRepository scans, CampaignRepository campaigns,
                  Clock clock, @Value("${solomo.public-base-url}") String publicBaseUrl) {
        this.links = links;
        this.scans = scans;
        this.campaigns = campaigns;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    @Transactional
    CampaignLink create(String campaignId, String redirectUrl) {
        if (!campaigns.existsById(campaignId)) {
            throw new NotFoundException("campaign", "campaignId", campaignId);
        }
        checkRedirect(redirectUrl);
        String code = newCode();
        CampaignLink link = links.save(new CampaignLink(code, campaignId, redirectUrl.trim(), clock.instant()));
        log.info("Campaign {} has a new link {}", campaignId, code);
        return link;
    }

    @Transactional(readOnly = true)
    List<CampaignLink> linksOf(String campaignId) {
        if (!campaigns.existsById(campaignId)) {
            throw new NotFoundException("campaign", "campaignId", campaignId);
        }
        return links.findByCampaignIdOrderByCreatedAt(campaignId);
    }

    /** Records a scan of the code and returns where to send the person, with the attribution parameters. */
    @Transactional
    URI scan(String code, String userAgent) {
        CampaignLink link = find(code);
        String scanId = UUID.randomUUID().toString();
        scans.save(new CampaignScan(scanId, link.code(), link.campaignId(), clock.instant(), userAgent));
        log.info("Scan {} of link {} of campaign {}", scanId, link.code(), link.campaignId());
        return URI.create(withAttribution(link.redirectUrl(), link.campaignId(), scanId));
    }

    CampaignLink find(String code) {
        return links.findById(code.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("campaign link", "code", code));
    }

    long scanCount(String code) {
        return scans.countByCode(code);
    }

    String scanUrl(String code) {
        return publicBaseUrl + "/q/" + code;
    }

    private static void checkRedirect(String redirectUrl) {
        if (redirectUrl == null || redirectUrl.isBlank()) {
            throw new InvalidFieldException("redirectUrl", redirectUrl, "redirectUrl is missing");
        }
        try {
            URI uri = new URI(redirectUrl.trim());
            if (uri.getScheme() == null || !REDIRECT_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new InvalidFieldException("redirectUrl", redirectUrl,
                        "redirectUrl must be an absolute URL with one of the schemes " + REDIRECT_SCHEMES);
            }
        } catch (URISyntaxException invalid) {
            throw new InvalidFieldException("redirectUrl", redirectUrl,
                    "redirectUrl is not a valid URL: " + invalid.getReason());
        }
    }

    private String newCode() {
        for (int attempt = 0; attempt < 10; attempt++) {
            char[] code = new char[CODE_LENGTH];
            for (int i = 0; i < code.length; i++) {
                code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
            }
            String candidate = new String(code);
            if (!links.existsById(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("could not draw an unused campaign link code in 10 attempts");
    }

    private static String withAttribution(String redirectUrl, String campaignId, String scanId) {
        String separator = redirectUrl.contains("?") ? "&" : "?";
        return redirectUrl + separator + "utm_source=qr&utm_medium=print&utm_campaign="
                + URLEncoder.encode(campaignId, StandardCharsets.UTF_8) + "&solomo_scan=" + scanId;
    }
}
