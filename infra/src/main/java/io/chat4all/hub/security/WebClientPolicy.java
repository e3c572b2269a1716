package io.chat4all.hub.security;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The Content-Security-Policy of the web client's page (static/index.html): its scripts, styles
 * and calls come from this hub only, with no inline script, so text from a message can never run
 * even if it reached the page as markup. Only the page gets it (its modules inherit it): Swagger
 * UI and the API keep their own headers. Presigned file links are navigations, which this allows.
 */
final class WebClientPolicy {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private WebClientPolicy() {}

    static HeaderWriter header() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new DelegatingRequestMatcherHeaderWriter(
                new OrRequestMatcher(paths.matcher("/"), paths.matcher("/index.html")),
                new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY));
    }
}
