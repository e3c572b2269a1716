package io.chat4all.hub.localstack;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a taken port into Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        return new FailureAnalysis(
                cause.getMessage() + ".",
                "Free port " + cause.port() + ", or start the hub with another port, e.g. --" + cause.setting()
                        + "=<port>"
                        + " (0 picks any free port), or point the hub at an external " + cause.server()
                        + " (see README.md, \"External services\").",
                cause);
    }
}
