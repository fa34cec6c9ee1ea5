package io.solomo.decision.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Rejects a state-changing request that a browser sent from another site, which the browser marks with
 * {@code Sec-Fetch-Site: cross-site} or {@code same-site}. A 401 on a page opened in the address bar makes the browser
 * show its login dialog. Once a user types a password there, the browser adds that Basic login to every request to
 * this server, so any site could otherwise post a form that approves a campaign or switches an offer. The console
 * and the unsubscribe page post from this server's own origin, and API clients such as curl, apps and gateways send
 * no {@code Sec-Fetch-Site}, so neither is affected.
 * <p>
 * NOTE: browsers without fetch metadata (before Chrome 76, Firefox 90 and Safari 16.4) send no
 * {@code Sec-Fetch-Site}, so this filter does not protect their users.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");
    private static final Logger log = LoggerFactory.getLogger(CrossSiteRequestFilter.class);

    private final RequestMatcher guarded;
    private final ProblemResponses problems;

    /** Guards the requests that {@code guarded} matches, and writes each rejection with {@code problems}. */
    CrossSiteRequestFilter(RequestMatcher guarded, ProblemResponses problems) {
        this.guarded = guarded;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader(SEC_FETCH_SITE);
        boolean fromOtherSite = site != null && OTHER_SITES.contains(site.toLowerCase(Locale.ROOT));
        if (fromOtherSite && !SAFE_METHODS.contains(request.getMethod()) && guarded.matches(request)) {
            log.warn("Rejected {} {} sent by a browser from another site ({}: {}, Origin: {})", request.getMethod(),
                    request.getRequestURI(), SEC_FETCH_SITE, site, request.getHeader("Origin"));
            problems.rejectCrossSite(request, response, site);
            return;
        }
        chain.doFilter(request, response);
    }
}
