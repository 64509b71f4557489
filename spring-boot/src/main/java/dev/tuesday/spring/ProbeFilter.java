package dev.tuesday.spring;

import dev.tuesday.health.Health;
import dev.tuesday.health.ProbeAnswer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

/**
 * Serves {@code /livez}, {@code /readyz} and {@code /startupz} on the application's own port,
 * answered exactly as Tuesday's {@code health} module answers them ({@link ProbeAnswer}: 200 or
 * 503, {@code application/health+json}, no-cache headers, details only to local callers that ask).
 * Other paths pass through.
 */
final class ProbeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient Health health;

    ProbeFilter(Health health) {
        this.health = health;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean forwarded = ProbeAnswer.FORWARDING_HEADERS.stream().anyMatch(h -> request.getHeader(h) != null);
        Optional<ProbeAnswer> answer = ProbeAnswer.answer(health, path, request.getQueryString(), peer(request), forwarded);
        if (answer.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(answer.get().status());
        response.setContentType(ProbeAnswer.CONTENT_TYPE);
        for (Map.Entry<String, String> h : ProbeAnswer.NO_CACHE_HEADERS.entrySet()) {
            response.setHeader(h.getKey(), h.getValue());
        }
        response.setContentLength(answer.get().body().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(answer.get().body());
        }
    }

    private static InetAddress peer(HttpServletRequest request) {
        try {
            // The remote address is a literal IP, so this does no name lookup.
            return InetAddress.getByName(request.getRemoteAddr());
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
