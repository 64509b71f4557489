package dev.tuesday.health;

import java.time.Duration;

/** A check as configured: its name, the probe it belongs to, and its timeout. */
record RegisteredCheck(String name, Probe probe, HealthCheck check, Duration timeout) {
}
