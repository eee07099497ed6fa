package dev.agentwarden.alert;

import dev.agentwarden.store.AlertRecord;

/** A live alert rule: what is stored, and its counting. */
record Alert(AlertRecord record, Metric metric, AlertWindow window) {

    String id() {
        return record.id();
    }

    String agent() {
        return record.agent();
    }
}
