package io.chat4all.hub.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue 13, roles: what each mix of chat4all.roles switches off, before any bean exists. */
class RoleEnvironmentTest {

    @Test
    void everyRoleByDefaultSwitchesNothingOff() {
        Map<String, Object> settings = RoleEnvironment.settings(Role.parse(null));
        assertThat(settings)
                .containsEntry("chat4all.role.api", true)
                .containsEntry("chat4all.role.projections", true)
                .containsEntry("chat4all.role.delivery", true)
                .containsEntry("chat4all.role.infra", true);
        assertThat(settings.keySet()).allMatch(key -> key.startsWith("chat4all.role."));
    }

    @Test
    void anApiProcessKeepsTheProjectionAndDeliveryHandlersButFeedsThemNothing() {
        Map<String, Object> settings = RoleEnvironment.settings(Role.parse("api"));
        for (String processor : new String[] {"read-model", "kafka-outbox", "delivery-router"}) {
            assertThat(settings)
                    .containsEntry("axon.eventhandling.processors." + processor + ".mode", "subscribing")
                    .containsEntry(
                            "axon.eventhandling.processors." + processor + ".source", RoleConfiguration.IDLE_SOURCE);
        }
        assertThat(settings)
                .containsEntry("chat4all.connectors.whatsapp.enabled", false)
                .containsEntry("chat4all.connectors.instagram.enabled", false)
                .containsEntry("chat4all.receipts.enabled", false)
                .containsEntry("chat4all.role.api", true)
                .containsEntry("chat4all.role.delivery", false);
        assertThat(settings).doesNotContainKey("chat4all.warm-up.rounds");
    }

    @Test
    void aDeliveryAndProjectionsProcessRunsTheirProcessorsAndNoWarmUpOfTheApi() {
        Map<String, Object> settings = RoleEnvironment.settings(Role.parse(" delivery , projections "));
        assertThat(settings.keySet()).noneMatch(key -> key.startsWith("axon."));
        assertThat(settings)
                .containsEntry("chat4all.warm-up.rounds", 0)
                .containsEntry("chat4all.role.api", false)
                .doesNotContainKey("chat4all.receipts.enabled");
    }

    @Test
    void infraAloneIsTheStandaloneStackAndAnUnknownRoleStopsTheStartNamingIt() {
        assertThat(Role.infraOnly(Role.parse("infra"))).isTrue();
        assertThat(Role.infraOnly(Role.parse("infra,api"))).isFalse();
        assertThat(Role.parse("")).isEqualTo(EnumSet.allOf(Role.class));
        assertThatThrownBy(() -> Role.parse("api,router"))
                .hasMessageContaining("'router'")
                .hasMessageContaining("CHAT4ALL_ROLES");
    }
}
