package dev.agentwarden.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlertWindowTest {

    private static final long MINUTE = 60_000;

    @Test
    void firesOnTheTenthEventWithinTheWindow() {
        AlertWindow window = new AlertWindow(10, 5 * MINUTE, null);
        for (int i = 0; i < 9; i++) {
            assertFalse(window.record(i * 1000L), "event " + (i + 1));
        }
        assertTrue(window.record(9_000));
        assertEquals(9_000L, window.lastFired());
    }

    @Test
    void firesAtMostOncePerWindow() {
        AlertWindow window = new AlertWindow(2, 5 * MINUTE, null);
        window.record(0);
        assertTrue(window.record(1));
        for (int i = 2; i < 50; i++) {
            assertFalse(window.record(i * 1000L), "event " + i);
        }
    }

    @Test
    void firesAgainAfterTheWindowWhenTheThresholdIsCrossedAgain() {
        AlertWindow window = new AlertWindow(2, 5 * MINUTE, null);
        window.record(0);
        assertTrue(window.record(1));
        assertFalse(window.record(5 * MINUTE + 1));
        assertTrue(window.record(5 * MINUTE + 2));
    }

    @Test
    void eventsOlderThanTheWindowDoNotCount() {
        AlertWindow window = new AlertWindow(3, 5 * MINUTE, null);
        window.record(0);
        window.record(1);
        assertFalse(window.record(5 * MINUTE), "the first event is exactly one window old: out");
        assertTrue(window.record(5 * MINUTE), "the second, 1 ms younger, is still in: three in the window");
    }

    @Test
    void aStoredFiringKeepsTheAlertQuietUntilItsWindowEnds() {
        AlertWindow window = new AlertWindow(1, 5 * MINUTE, 1_000L);
        assertFalse(window.record(2_000));
        assertTrue(window.record(1_000 + 5 * MINUTE));
    }

    @Test
    void keepsNoMoreThanThresholdTimestamps() {
        AlertWindow window = new AlertWindow(3, Long.MAX_VALUE / 2, null);
        window.record(0);
        window.record(1);
        assertEquals(2, window.count());
        assertTrue(window.record(2));
        assertEquals(0, window.count());
    }
}
