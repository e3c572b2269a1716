package io.chat4all;

import io.chat4all.hub.roles.InfraProcess;
import io.chat4all.hub.roles.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The runnable hub. It sits in the root package so that component, entity and repository
 * scanning cover every module ({@code io.chat4all.command}, {@code .query}, {@code .saga}, {@code .hub}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Chat4AllHub {

    public static void main(String[] args) throws InterruptedException {
        // Axon's update checker phones home at start; this network is closed, and the hub should not.
        System.setProperty("axoniq.update-checker.disabled", "true");
        if (Role.infraOnly(InfraProcess.rolesFrom(args))) {
            InfraProcess.run(args); // chat4all.roles=infra: the embedded stack alone, no hub
            return;
        }
        SpringApplication.run(Chat4AllHub.class, args);
    }
}
