package io.chat4all.hub.roles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code chat4all.roles} into the settings that switch each part on or off, before any bean
 * exists, so the modules need to know nothing about roles but a flag or a setting of their own:
 * <ul>
 *   <li>{@code chat4all.role.<role>} = true/false, for {@code @ConditionalOnProperty};</li>
 *   <li>the event processors of a role this process lacks become subscribing processors on a
 *       source that never publishes ({@link RoleConfiguration#IDLE_SOURCE}): their handlers stay
 *       registered (the query handlers of a projection answer the local query bus in an
 *       {@code api} process) but are fed nothing, and they claim no token;</li>
 *   <li>without {@code delivery}: the connectors and the receipt listener do not start;</li>
 *   <li>without {@code api}: no warm-up of the API's hot paths.</li>
 * </ul>
 * These take precedence over every other source: a role decides, the settings it sets cannot turn it back on.
 */
public class RoleEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "chat4allRoles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Set<Role> roles = Role.parse(env.getProperty(Role.PROPERTY));
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, settings(roles)));
    }

    static Map<String, Object> settings(Set<Role> roles) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            boolean on = roles.contains(role);
            settings.put("chat4all.role." + role.key(), on);
            if (!on) {
                for (String processor : role.processors()) {
                    settings.put("axon.eventhandling.processors." + processor + ".mode", "subscribing");
                    settings.put(
                            "axon.eventhandling.processors." + processor + ".source", RoleConfiguration.IDLE_SOURCE);
                }
            }
        }
        if (!roles.contains(Role.DELIVERY)) {
            settings.put("chat4all.connectors.whatsapp.enabled", false);
            settings.put("chat4all.connectors.instagram.enabled", false);
            settings.put("chat4all.receipts.enabled", false);
        }
        if (!roles.contains(Role.API)) {
            settings.put("chat4all.warm-up.rounds", 0);
        }
        return settings;
    }
}
