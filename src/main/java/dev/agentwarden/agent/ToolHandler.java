package dev.agentwarden.agent;

import java.util.Map;

/** The code behind a SWAIG function: the SDK's {@code handler(args, raw_data)}. */
@FunctionalInterface
public interface ToolHandler {

    /**
     * Runs the function.
     *
     * @param args the arguments the AI chose, already validated against the tool's JSON Schema
     * @param raw  the whole SWAIG request (call id, caller, meta data, ...)
     * @return what SignalWire should say and do
     */
    SwaigFunctionResult handle(Map<String, Object> args, SwaigRequest raw);
}
