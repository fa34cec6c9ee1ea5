package io.solomo.decision.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import tools.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

import static io.solomo.decision.security.Roles.ADMIN;
import static io.solomo.decision.security.Roles.ANALYST;
import static io.solomo.decision.security.Roles.APP;
import static io.solomo.decision.security.Roles.LOCAL_MARKETER;
import static io.solomo.decision.security.Roles.MARKETER;

/**
 * HTTP Basic on every {@code /api/**} endpoint, with one role per kind of caller. Health and the public coupon
 * images stay open.
 */
@Configuration
class SecurityConfiguration {

    /**
     * The content security policy of the console: its own scripts, styles and API only, and no framing. The console
     * keeps the password in memory and sends it in {@code Authorization} on each API call with
     * {@code credentials: "omit"}. The browser then never stores a Basic login of its own, which it would also send
     * with a form posted by another site, since this stateless API has no CSRF token.
     */
    static final String CONSOLE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http,
                                    @Value("${solomo.kie.path-prefix:/services/rest/server}") String kiePrefix,
                                    ObjectMapper json)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher authenticatedApi = new OrRequestMatcher(paths.matcher("/api/**"),
                paths.matcher(kiePrefix + "/**"));
        http
                // Before authentication, so that a browser's stored Basic login never acts for another site.
                .addFilterBefore(new CrossSiteRequestFilter(authenticatedApi, problems),
                        BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A stateless API has no login page to return to and no session to log out of.
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        paths.matcher("/console/**"),
                        new StaticHeadersWriter("Content-Security-Policy", CONSOLE_POLICY))))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        // The busiest endpoints first: every request walks this list until a pattern matches.
                        // KIE Server REST contract: APP runs batches, ANALYST manages containers and kjars.
                        .requestMatchers(HttpMethod.POST, kiePrefix + "/containers/instances/*")
                        .hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, kiePrefix).hasAnyRole(APP, ANALYST, ADMIN)
                        // A kjar is rule code, so as for rule sets only ANALYST deploys it and ADMIN may read.
                        .requestMatchers(HttpMethod.GET, kiePrefix + "/**").hasAnyRole(ANALYST, ADMIN)
                        .requestMatchers(kiePrefix, kiePrefix + "/**").hasRole(ANALYST)
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, "/coupons/*/qr.png").permitAll()
                        .requestMatchers(HttpMethod.GET, "/q/*", "/q/*/qr.png").permitAll()
                        // Link checkers and link previews send HEAD to the public links, which records no scan or click.
                        .requestMatchers(HttpMethod.HEAD, "/coupons/*/qr.png", "/q/*", "/q/*/qr.png", "/unsubscribe",
                                "/t/*", "/s/*").permitAll()
                        .requestMatchers("/api/v1/campaigns/**").hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/offers", "/api/v1/offers/**")
                        .hasAnyRole(MARKETER, ANALYST, ADMIN)
                        .requestMatchers("/api/v1/offers", "/api/v1/offers/**").hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/segments", "/api/v1/segments/**")
                        .hasAnyRole(MARKETER, ANALYST, ADMIN)
                        .requestMatchers("/api/v1/segments", "/api/v1/segments/**").hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/reports/**").hasAnyRole(MARKETER, ANALYST, ADMIN)
                        .requestMatchers("/error").permitAll()
                        // The console's files hold no data and are the same for every user. Its API calls carry
                        // the credentials (see CONSOLE_POLICY).
                        .requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/*").permitAll()
                        // Browsers ask for an icon with every page: a 404 rather than a 401 and a login dialog.
                        .requestMatchers(HttpMethod.GET, "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/me").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/decisions", "/api/v1/location-events",
                                "/api/v1/decisions/*/outcomes")
                        .hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/decisions/**")
                        .hasAnyRole(APP, ANALYST, MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/deliveries")
                        .hasAnyRole(APP, MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/loyalty/actions", "/api/v1/reviews")
                        .hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/reviews/*/approve", "/api/v1/reviews/*/reject")
                        .hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/reviews").hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/reviews/*", "/api/v1/customers/*/loyalty")
                        .hasAnyRole(APP, MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/loyalty/spend")
                        .hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/stores/**")
                        .hasAnyRole(APP, MARKETER, ANALYST, LOCAL_MARKETER, ADMIN)
                        .requestMatchers("/api/v1/stores/**").hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/unsubscribe", "/t/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/unsubscribe").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/coupons/*/redeem", "/api/v1/sms/inbound",
                                "/api/v1/deliveries/*/receipts").hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/inbox")
                        .hasAnyRole(APP, MARKETER, ADMIN)
                        .requestMatchers("/api/v1/customers/*/devices", "/api/v1/customers/*/devices/*")
                        .hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/dead-letters").hasAnyRole(MARKETER, ADMIN)
                        // Rules run as code in the server: only analysts change them; ADMIN may read them.
                        .requestMatchers(HttpMethod.GET, "/api/v1/rulesets", "/api/v1/rulesets/**")
                        .hasAnyRole(ANALYST, ADMIN)
                        .requestMatchers("/api/v1/rulesets", "/api/v1/rulesets/**").hasRole(ANALYST)
                        .requestMatchers(HttpMethod.POST, "/api/v1/location-events/batch", "/api/v1/ingest/**")
                        .hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/ingest/osmand", "/api/v1/devices/*/monitored-regions")
                        .hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/interactions").hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/preferences",
                                "/api/v1/customers/*/consents")
                        .hasAnyRole(APP, MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/customers/*/preferences").hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/consents").hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*").hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers("/api/v1/customer-imports", "/api/v1/customer-imports/**")
                        .hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/purchases").hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/purchases/*").hasAnyRole(APP, MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/products", "/api/v1/products/**")
                        .hasAnyRole(APP, MARKETER, ADMIN)
                        .requestMatchers("/api/v1/products", "/api/v1/products/**").hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/s/*").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/shares", "/api/v1/shares/*/claims")
                        .hasAnyRole(APP, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/shares/*").hasAnyRole(APP, MARKETER, ADMIN)
                        // Head office marks templates under /api/v1/offers (above), and local marketers run them
                        // within their store scope.
                        .requestMatchers(HttpMethod.GET, "/api/v1/local-templates", "/api/v1/local-campaigns",
                                "/api/v1/local-campaigns/*").hasAnyRole(LOCAL_MARKETER, MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/local-campaigns").hasRole(LOCAL_MARKETER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/local-campaigns/*/withdraw")
                        .hasAnyRole(LOCAL_MARKETER, MARKETER, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/local-campaigns/*/approve",
                                "/api/v1/local-campaigns/*/reject").hasAnyRole(MARKETER, ADMIN)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization: they cost several
     * percent of the CPU of a small request (profile in docs/benchmarks.md). Request metrics stay on.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    HttpFirewall httpFirewall() {
        return HeaderFirewall.create();
    }

    /** Writes a problem for each request the firewall rejects; Spring Security takes this bean as its handler. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new Sha256PasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties, Environment environment, PasswordEncoder encoder) {
        DemoDefaults.rejectOutsideDemo(environment, properties.demoPassword());

        List<UserDetails> users = new ArrayList<>();
        users.add(user("app", properties.demoPassword(), encoder, APP));
        users.add(user("analyst", properties.demoPassword(), encoder, ANALYST));
        users.add(user("marketer", properties.demoPassword(), encoder, MARKETER));
        users.add(user("admin", properties.demoPassword(), encoder, ADMIN, APP, ANALYST, MARKETER));
        for (SecurityProperties.User configured : ConfiguredUsers.of(properties, environment)) {
            if (configured.name() == null || configured.password() == null || configured.roles() == null) {
                throw new IllegalStateException("solomo.security.users entries need a name, a password and roles; "
                        + "got name=" + configured.name());
            }
            users.add(user(configured.name(), configured.password(), encoder,
                    configured.roles().toArray(String[]::new)));
        }
        log.info("API users: {}", users.stream().map(UserDetails::getUsername).toList());
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    UserScopes userScopes(SecurityProperties properties, Environment environment) {
        return ConfiguredUsers.scopesOf(ConfiguredUsers.of(properties, environment));
    }

    private static UserDetails user(String name, String password, PasswordEncoder encoder, String... roles) {
        return User.withUsername(name).password(encoder.encode(password)).roles(roles).build();
    }
}
