package dev.tuesday.spring;

import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Gives Boot's graceful shutdown phase {@code tuesday.drain.timeout} to finish the requests in
 * flight; the other phases keep {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
final class GracefulShutdownTimeout implements BeanPostProcessor {

    /** The phase of Boot's {@code WebServerGracefulShutdownLifecycle}. */
    static final int GRACEFUL_SHUTDOWN_PHASE = DrainLifecycle.DEFAULT_PHASE - 1024;

    private final Duration timeout;

    GracefulShutdownTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DefaultLifecycleProcessor processor) {
            processor.setTimeoutForShutdownPhase(GRACEFUL_SHUTDOWN_PHASE, timeout.toMillis());
        }
        return bean;
    }
}
