package dev.agentwarden.alert;

import java.util.ArrayDeque;

/**
 * The counting of one alert: fires when {@code threshold} events fall within {@code window}, then stays quiet for a
 * window (at most one firing per window). Keeps at most {@code threshold} timestamps. Times come from the events,
 * which take them from the application's clock.
 */
final class AlertWindow {

    private final int threshold;
    private final long windowMillis;
    private final ArrayDeque<Long> recent;
    private Long lastFired;

    AlertWindow(int threshold, long windowMillis, Long lastFired) {
        if (threshold < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("threshold and window must be positive");
        }
        this.threshold = threshold;
        this.windowMillis = windowMillis;
        this.recent = new ArrayDeque<>(Math.min(threshold, 1024));
        this.lastFired = lastFired;
    }

    /** Counts an event at {@code atMillis}; true when it makes the alert fire (the caller then delivers it). */
    synchronized boolean record(long atMillis) {
        if (lastFired != null && atMillis - lastFired < windowMillis) {
            return false; // fired within this window already: the events that follow are not counted towards the next
        }
        while (!recent.isEmpty() && atMillis - recent.peekFirst() >= windowMillis) {
            recent.pollFirst();
        }
        if (recent.size() == threshold) {
            recent.pollFirst();
        }
        recent.addLast(atMillis);
        if (recent.size() < threshold) {
            return false;
        }
        recent.clear();
        lastFired = atMillis;
        return true;
    }

    /** The events counted in the current window (for tests and the alert's view). */
    synchronized int count() {
        return recent.size();
    }

    synchronized Long lastFired() {
        return lastFired;
    }
}
