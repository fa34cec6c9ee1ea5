package io.solomo.decision.security;

import io.solomo.decision.SolomoApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoPasswordGuardTests {

    @Test
    void serverRefusesDefaultPasswordOutsideDemoProfile() {
        SpringApplicationBuilder server = new SpringApplicationBuilder(SolomoApplication.class);

        assertThatThrownBy(() -> server.run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:guard;DB_CLOSE_DELAY=-1"))
                .hasStackTraceContaining("solomo.demo-password is still the default");
    }
}
