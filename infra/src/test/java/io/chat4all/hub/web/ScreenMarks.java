package io.chat4all.hub.web;

import java.util.Map;

/**
 * When a browser's screen first showed a message, its delivered status and its read receipt,
 * and when its user pressed send: a MutationObserver in the page notes Date.now() at each
 * change, so the times are the screen's own, not those of the test's polling (both browsers
 * run on this machine's one clock).
 */
final class ScreenMarks {

    private static final String WATCH = """
            const [text, key] = arguments;
            window.__marks = window.__marks || {};
            const marks = window.__marks[key] = {};
            document.addEventListener('submit', () => { marks.sent = marks.sent || Date.now(); }, { capture: true, once: true });
            const check = () => {
              for (const li of document.querySelectorAll('#message-list .message')) {
                if (!li.textContent.includes(text)) continue;
                marks.shown = marks.shown || Date.now();
                if (li.dataset.status === 'DELIVERED') marks.delivered = marks.delivered || Date.now();
                if (li.querySelector('.read-by')) marks.read = marks.read || Date.now();
              }
            };
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            check();
            """;

    private ScreenMarks() {}

    /** Starts watching this browser's screen for the message with this text. */
    static void watch(Browser browser, String text) {
        browser.js(WATCH, text, text);
    }

    /** The epoch milliseconds noted so far for that message: sent, shown, delivered, read. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> of(Browser browser, String text) {
        Map<String, Object> marks =
                (Map<String, Object>) browser.js("return (window.__marks || {})[arguments[0]] || {};", text);
        return marks.entrySet().stream()
                .collect(
                        java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).longValue()));
    }
}
