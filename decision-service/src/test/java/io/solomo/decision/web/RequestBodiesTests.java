package io.solomo.decision.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodiesTests {

    @Test
    void streamAtLimitIsReadWhole() throws IOException {
        InputStream limited = new RequestBodies.LimitedInputStream(new ByteArrayInputStream(new byte[100]), 100,
                "some.setting");

        assertThat(limited.readAllBytes()).hasSize(100);
    }

    @Test
    void streamOverLimitThrowsWhileRead() {
        InputStream limited = new RequestBodies.LimitedInputStream(new ByteArrayInputStream(new byte[101]), 100,
                "some.setting");

        assertThatThrownBy(limited::readAllBytes).isInstanceOf(ContentTooLargeException.class)
                .hasMessage("the request body is larger than the 100 bytes this endpoint accepts (some.setting)");
    }

    @Test
    void streamOverLimitThrowsByteByByte() throws IOException {
        InputStream limited = new RequestBodies.LimitedInputStream(new ByteArrayInputStream(new byte[3]), 2, null);

        limited.read();
        limited.read();

        assertThatThrownBy(limited::read).isInstanceOf(ContentTooLargeException.class);
    }

    @Test
    void declaredLengthOverLimitThrowsBeforeReading() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setContent(new byte[101]);

        assertThatThrownBy(() -> RequestBodies.open(request, 100, "some.setting"))
                .isInstanceOf(ContentTooLargeException.class);
        assertThatThrownBy(() -> RequestBodies.read(request, 100, "some.setting"))
                .isInstanceOf(ContentTooLargeException.class);
    }

    @Test
    void emptyRequiredBodyIsMissing() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setContent(new byte[0]);

        assertThatThrownBy(() -> RequestBodies.readRequired(request, 100, "some.setting"))
                .hasMessageStartingWith("Required request body is missing");
    }
}
