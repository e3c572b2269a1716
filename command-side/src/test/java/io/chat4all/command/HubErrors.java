package io.chat4all.command;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

/** Matches the refusal a command handler threw, by its error code. */
public final class HubErrors {

    private HubErrors() {}

    public static Matcher<HubException> refusedWith(HubError expected) {
        return new CustomTypeSafeMatcher<>("a HubException " + expected) {
            @Override
            protected boolean matchesSafely(HubException item) {
                return item.error() == expected;
            }
        };
    }
}
