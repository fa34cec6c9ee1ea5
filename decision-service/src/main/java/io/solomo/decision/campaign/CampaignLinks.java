package io.solomo.decision.campaign;

import io.solomo.decision.offer.CampaignRepository;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.RequestFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Creates campaign links and records their scans. The redirect carries the campaign and the scan id as query
 * parameters ({@code utm_source=qr}, {@code utm_medium=print}, {@code utm_campaign}, {@code solomo_scan}), so that
 * the app can report the scan with the customer's identity once it is installed.
 */
@Service
class CampaignLinks {

    private static final Logger log = LoggerFactory.getLogger(CampaignLinks.class);
    /** The query parameters a scan adds to the redirect, replacing the link's own of the same names. */
    private static final Set<String> ATTRIBUTION_PARAMETERS = Set.of("utm_source", "utm_medium", "utm_campaign",
            "solomo_scan");
    private static final Set<String> REDIRECT_SCHEMES = Set.of("https", "http", "market", "itms-apps");
    private static final char[] CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    private static final int CODE_LENGTH = 8;
    /** The length of the column {@code campaign_link.redirect_url}. */
    static final int MAX_REDIRECT_URL_LENGTH = 1000;

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
        String checked = checkRedirect(redirectUrl);
        String code = newCode();
        CampaignLink link = links.save(new CampaignLink(code, campaignId, checked, clock.instant()));
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
        return withAttribution(link.redirectUrl(), link.campaignId(), scanId);
    }

    /** Returns where a scan of the link leads, without recording a scan and so without its scan id. */
    URI target(String code) {
        CampaignLink link = find(code);
        return withAttribution(link.redirectUrl(), link.campaignId(), null);
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

    /**
     * Returns the redirect URL trimmed, with any non-ASCII character percent-encoded, or rejects it. The URL must
     * name a host, as in {@code https://apps.example/x} or {@code market://details?id=...}, so that the attribution
     * parameters have a query to go into.
     */
    private static String checkRedirect(String redirectUrl) {
        String text = RequestFields.requireText("redirectUrl", redirectUrl);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException invalid) {
            throw new InvalidFieldException("redirectUrl", redirectUrl,
                    "redirectUrl is not a valid URL: " + invalid.getReason());
        }
        if (uri.getScheme() == null || !REDIRECT_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new InvalidFieldException("redirectUrl", redirectUrl,
                    "redirectUrl must be an absolute URL with one of the schemes " + REDIRECT_SCHEMES);
        }
        if (uri.isOpaque() || uri.getHost() == null) {
            throw new InvalidFieldException("redirectUrl", redirectUrl, "redirectUrl must name an ASCII host after "
                    + "'//', as in https://apps.example/x; got '" + text + "'");
        }
        String stored = uri.toASCIIString();
        if (stored.length() > MAX_REDIRECT_URL_LENGTH) {
            String encoded = stored.length() > text.length() ? " once its non-ASCII characters are percent-encoded"
                    : "";
            throw new InvalidFieldException("redirectUrl", text, "redirectUrl must have at most "
                    + MAX_REDIRECT_URL_LENGTH + " characters" + encoded + ", got " + stored.length());
        }
        return stored;
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

    /**
     * Adds the attribution parameters to the query of the redirect URL, before its fragment. They replace the
     * link's own parameters of the same names, so that a copied URL cannot carry a second scan id; the link's other
     * parameters keep their order, and empty pairs ({@code ?&}, a trailing {@code ?}) are dropped. A null scan id adds
     * no {@code solomo_scan}.
     */
    static URI withAttribution(String redirectUrl, String campaignId, String scanId) {
        // URI.toASCIIString() percent-encodes the non-ASCII characters of links stored before checkRedirect did.
        URI redirect = URI.create(URI.create(redirectUrl).toASCIIString());
        if (redirect.isOpaque()) {
            // NOTE: a link stored before checkRedirect rejected opaque URLs (such as market:details?id=x) is
            // redirected without the attribution parameters, because an opaque URI has no query to extend.
            return redirect;
        }
        // The pairs are copied as sent rather than parsed into a map, which would group repeated names together.
        StringBuilder query = new StringBuilder();
        String rawQuery = redirect.getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = parameterName(equals < 0 ? pair : pair.substring(0, equals));
                if (!pair.isEmpty() && !ATTRIBUTION_PARAMETERS.contains(name)) {
                    query.append(pair).append('&');
                }
            }
        }
        query.append("utm_source=qr&utm_medium=print&utm_campaign=")
                .append(UriUtils.encodeQueryParam(campaignId, StandardCharsets.UTF_8))
                .append(scanId == null ? "" : "&solomo_scan=" + UriUtils.encodeQueryParam(scanId,
                        StandardCharsets.UTF_8));

        StringBuilder uri = new StringBuilder(redirect.getScheme()).append("://").append(redirect.getRawAuthority());
        uri.append(redirect.getRawPath() == null ? "" : redirect.getRawPath()).append('?').append(query);
        if (redirect.getRawFragment() != null) {
            uri.append('#').append(redirect.getRawFragment());
        }
        return URI.create(uri.toString());
    }

    private static String parameterName(String raw) {
        try {
            return UriUtils.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return raw;
        }
    }
}
