package io.solomo.decision.campaign;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The attribution parameters a scan adds to a campaign link's redirect URL. */
class AttributionTests {

    private static final String ADDED = "utm_source=qr&utm_medium=print&utm_campaign=spring%20sale&solomo_scan=s-1";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://apps.example/x                          | https://apps.example/x?" + ADDED,
            "https://apps.example/x?a=1&b=2&a=3              | https://apps.example/x?a=1&b=2&a=3&" + ADDED,
            "https://apps.example/x?&flag&=v&c=              | https://apps.example/x?flag&=v&c=&" + ADDED,
            "https://apps.example/x?                         | https://apps.example/x?" + ADDED,
            "https://apps.example/x?utm_source=mail&k=v#top  | https://apps.example/x?k=v&" + ADDED + "#top",
            "https://apps.example/x?solomo%5Fscan=evil&k=v   | https://apps.example/x?k=v&" + ADDED,
            "https://apps.example?q=caf%C3%A9                | https://apps.example?q=caf%C3%A9&" + ADDED,
            "market://details?id=com.example.app             | market://details?id=com.example.app&" + ADDED
    })
    void addsParametersKeepingTheLinksOwn(String redirect, String expected) {
        assertThat(CampaignLinks.withAttribution(redirect, "spring sale", "s-1")).hasToString(expected);
    }
}
