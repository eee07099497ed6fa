package dev.agentwarden.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many log lines one source may write per window: the first {@code burst} of each window pass, the rest are
 * counted, and the count is handed back once the window has ended so that one line can say how many were left out.
 * A client sending thousands of bad passwords a second would otherwise make the server spend its time writing the same
 * warning, hold every worker on the log handler's lock, and fill the disk. At most {@code maxKeys} sources are tracked
 * at once; past that, new sources share one window ({@link #OVERFLOW}). Thread-safe.
 *
 * @param <K> what identifies a source (an event type and a client address)
 */
final class LogThrottle<K> {

    /** What {@link #admit} decided for one line. */
    record Admission(boolean log, long suppressedBefore) {
    }

    /** The window new sources share once {@code maxKeys} are tracked. */
    static final Object OVERFLOW = new Object() {
        @Override
        public String toString() {
            return "overflow";
        }
    };

    private final int burst;
    private final long windowMillis;
    private final int maxKeys;
    private final Map<Object, Window> windows = new ConcurrentHashMap<>();
    private volatile long nextSweep;

    private static final class Window {
        long start;
        int logged;
        long suppressed;
        boolean dropped;

        Window(long start) {
            this.start = start;
        }
    }

    LogThrottle(int burst, long windowMillis, int maxKeys) {
        this.burst = burst;
        this.windowMillis = windowMillis;
        this.maxKeys = maxKeys;
    }

    /**
     * Whether the line of {@code key} at {@code now} (epoch ms) may be written, and how many of that key's lines the
     * window that just ended left out (0 when it is the same window, or none was left out).
     */
    Admission admit(K key, long now) {
        while (true) {
            Object slot = windows.containsKey(key) || windows.size() < maxKeys ? key : OVERFLOW;
            Window window = windows.computeIfAbsent(slot, k -> new Window(now));
            synchronized (window) {
                if (window.dropped) {
                    continue; // swept away meanwhile: take the new one
                }
                long before = 0;
                if (now - window.start >= windowMillis) {
                    before = window.suppressed;
                    window.start = now;
                    window.logged = 0;
                    window.suppressed = 0;
                }
                if (window.logged < burst) {
                    window.logged++;
                    return new Admission(true, before);
                }
                window.suppressed++;
                return new Admission(false, before);
            }
        }
    }

    /**
     * Drops the windows that have ended, at most once per window length, and returns the sources whose ended window left
     * lines out, with how many: so a burst that stops is still accounted for at the next line of any source.
     */
    Map<Object, Long> sweep(long now) {
        if (now < nextSweep) {
            return Map.of();
        }
        nextSweep = now + windowMillis;
        Map<Object, Long> ended = new LinkedHashMap<>();
        windows.forEach((key, window) -> {
            synchronized (window) {
                if (now - window.start >= windowMillis) {
                    if (window.suppressed > 0) {
                        ended.put(key, window.suppressed);
                    }
                    window.dropped = true;
                    windows.remove(key, window);
                }
            }
        });
        return ended;
    }

    /** How many sources are tracked (for tests). */
    int size() {
        return windows.size();
    }
}
