package io.chat4all.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.junit.jupiter.api.Test;

/** Page cursors are opaque to clients, and anything the hub did not make is a 400 naming the field. */
class CursorsTest {

    @Test
    void aCursorGivesBackItsPositionAndIsUrlSafe() {
        String position = "2026-11-24T10:31:00.123456Z|3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01";
        String cursor = Cursors.encode(position);

        assertThat(cursor).matches("[A-Za-z0-9_-]+"); // no '+', '/' or '=' to escape in a query string
        assertThat(cursor).doesNotContain("3f0c8a5e"); // opaque: not the position in clear
        assertThat(Cursors.decode(cursor)).isEqualTo(position);
    }

    @Test
    void aCursorThatIsNotBase64IsAValidationFailureOnTheCursorField() {
        assertThatThrownBy(() -> Cursors.decode("not a cursor!")).isInstanceOfSatisfying(HubException.class, e -> {
            assertThat(e.error()).isEqualTo(HubError.VALIDATION_FAILED);
            assertThat(e.fieldErrors())
                    .extracting(HubException.FieldError::field)
                    .containsExactly("cursor");
        });
    }

    @Test
    void aLimitOutsideItsRangeIsAValidationFailureOnTheLimitField() {
        Cursors.checkLimit(1, 200);
        Cursors.checkLimit(200, 200);
        for (int limit : new int[] {0, -1, 201}) {
            assertThatThrownBy(() -> Cursors.checkLimit(limit, 200)).isInstanceOfSatisfying(HubException.class, e -> {
                assertThat(e.error()).isEqualTo(HubError.VALIDATION_FAILED);
                assertThat(e.fieldErrors())
                        .extracting(HubException.FieldError::field)
                        .containsExactly("limit");
            });
        }
    }
}
