package dev.tuesday.spring;

import dev.tuesday.health.Health;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Once the drain has begun, every response carries {@code Connection: close}, so that clients and
 * balancers holding keep-alive connections open new ones (to other instances) instead of reusing
 * a connection that the graceful shutdown is about to end.
 */
final class ConnectionCloseFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient Health health;

    ConnectionCloseFilter(Health health) {
        this.health = health;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (health.isDraining()) {
            response.setHeader("Connection", "close");
        }
        chain.doFilter(request, response);
    }
}
