package io.chat4all.hub.roles;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.events.HubError;
import io.chat4all.hub.web.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In a process without the {@code api} role only the actuator answers (health, readiness, metrics,
 * replay); every other path is 404 {@code NOT_FOUND}, before security, so that a load balancer
 * pointed at the wrong process gets a clear answer instead of a half-working API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chat4all.role.api", havingValue = "false")
class ApiRoleGate {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiRoleGateFilter(ObjectMapper json) {
        OncePerRequestFilter gate = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getRequestURI().startsWith("/actuator")) {
                    chain.doFilter(request, response);
                    return;
                }
                ApiProblems.write(
                        json,
                        response,
                        ApiProblems.of(
                                HubError.NOT_FOUND, "This hub process does not have the api role (chat4all.roles)"));
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
