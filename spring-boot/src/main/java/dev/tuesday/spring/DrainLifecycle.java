package dev.tuesday.spring;

import dev.tuesday.health.Health;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing a closing application does (SIGTERM runs Boot's shutdown hook, which closes the
 * context): readiness turns to refusing, on {@code /readyz}, on Actuator's readiness group and in
 * Spring's {@link ReadinessState}, and the application keeps serving for the drain delay so that
 * balancers notice. Only then does Boot's graceful shutdown stop accepting and finish the requests
 * in flight, within {@code tuesday.drain.timeout}.
 *
 * <p>It is a {@link SmartLifecycle} whose phase is just above that of Boot's graceful shutdown:
 * lifecycles stop from the highest phase down, so the drain delay always comes first.
 */
final class DrainLifecycle implements SmartLifecycle {

    /** Boot's web server graceful shutdown runs in phase {@code DEFAULT_PHASE - 1024}; this one stops before it. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final Health health;
    private final ApplicationEventPublisher events;
    private volatile boolean running;

    DrainLifecycle(Health health, ApplicationEventPublisher events) {
        this.health = health;
        this.events = events;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        // Tuesday's drain turns readiness to failing at once and sleeps the drain delay; it has no
        // server of its own to stop here, Boot's graceful shutdown does that next.
        health.drain();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
