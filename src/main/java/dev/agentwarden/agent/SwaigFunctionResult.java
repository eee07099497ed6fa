package dev.agentwarden.agent;

import dev.agentwarden.json.Json;
import dev.agentwarden.json.JsonWritable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a SWAIG function hands back to SignalWire: a {@code response} text, {@code action}s and {@code post_process}.
 *
 * <p>Mirrors {@code SwaigFunctionResult} of the SignalWire AI Agents Python SDK, so that {@link #toJson()} renders
 * the same JSON as its {@code to_dict()}. Every helper appends one action and returns {@code this}:
 *
 * <pre>{@code
 * return new SwaigFunctionResult("Transferring you to billing now", true)
 *         .updateGlobalData(Map.of("reason", "invoice"))
 *         .connect("+15551234567");
 * }</pre>
 */
public final class SwaigFunctionResult implements JsonWritable {

    /** What the AI says after {@code pay} unless the caller chooses otherwise (the SDK's default text). */
    public static final String DEFAULT_PAY_AI_RESPONSE =
            "The payment status is ${pay_result}, do not mention anything else about collecting payment if successful.";

    private static final String SWML_VERSION = "1.0.0";

    private String response;
    private final List<Map<String, Object>> actions = new ArrayList<>();
    private boolean postProcess;

    /** A result with no response text yet. */
    public SwaigFunctionResult() {
        this(null, false);
    }

    /** A result that makes the AI say {@code response}. */
    public SwaigFunctionResult(String response) {
        this(response, false);
    }

    /** A result whose actions, when {@code postProcess}, wait until the AI has taken one more turn. */
    public SwaigFunctionResult(String response, boolean postProcess) {
        this.response = response == null ? "" : response;
        this.postProcess = postProcess;
    }

    /** Shorthand for {@code new SwaigFunctionResult(response)}. */
    public static SwaigFunctionResult of(String response) {
        return new SwaigFunctionResult(response);
    }

    public String getResponse() {
        return response;
    }

    /** The actions so far, read-only. */
    public List<Map<String, Object>> getActions() {
        return Collections.unmodifiableList(actions);
    }

    public boolean isPostProcess() {
        return postProcess;
    }

    public SwaigFunctionResult setResponse(String response) {
        this.response = response == null ? "" : response;
        return this;
    }

    public SwaigFunctionResult setPostProcess(boolean postProcess) {
        this.postProcess = postProcess;
        return this;
    }

    /** Appends {@code {name: data}}; data may be a string, number, boolean, map or list. */
    public SwaigFunctionResult addAction(String name, Object data) {
        Objects.requireNonNull(name, "name");
        actions.add(entry(name, data));
        return this;
    }

    /** Appends ready-made action objects as they are. */
    public SwaigFunctionResult addActions(List<? extends Map<String, ?>> newActions) {
        for (Map<String, ?> action : newActions) {
            actions.add(new LinkedHashMap<>(action));
        }
        return this;
    }

    // ---- call control -------------------------------------------------------------------------------------------

    /** Permanent transfer to {@code destination} (number, SIP address, ...). */
    public SwaigFunctionResult connect(String destination) {
        return connect(destination, true, null);
    }

    /**
     * Transfers the call; a non-final transfer returns to the agent when the far end hangs up.
     *
     * @param fromAddr caller ID to present, or null for the current call's
     */
    public SwaigFunctionResult connect(String destination, boolean finalTransfer, String fromAddr) {
        requireText(destination, "destination");
        Map<String, Object> params = entry("to", destination);
        if (fromAddr != null) {
            params.put("from", fromAddr);
        }
        // The SDK writes sections before version here, unlike its other helpers.
        Map<String, Object> swml = entry("sections", entry("main", List.of(entry("connect", params))));
        swml.put("version", SWML_VERSION);
        Map<String, Object> action = entry("SWML", swml);
        action.put("transfer", Boolean.toString(finalTransfer));
        actions.add(action);
        return this;
    }

    /** Permanent SWML transfer to {@code dest}. */
    public SwaigFunctionResult swmlTransfer(String dest, String aiResponse) {
        return swmlTransfer(dest, aiResponse, true);
    }

    /** SWML transfer to {@code dest}; {@code aiResponse} is what the AI says if the call comes back. */
    public SwaigFunctionResult swmlTransfer(String dest, String aiResponse, boolean finalTransfer) {
        requireText(dest, "dest");
        Map<String, Object> action = entry("SWML", swmlDocument(
                verb("set", entry("ai_response", aiResponse)),
                verb("transfer", entry("dest", dest))));
        action.put("transfer", Boolean.toString(finalTransfer));
        actions.add(action);
        return this;
    }

    /** Runs a SWML document inline, or hands the call over to it when {@code transfer}. */
    public SwaigFunctionResult executeSwml(Map<String, ?> swml) {
        return executeSwml(swml, false);
    }

    /** Runs a SWML document inline, or hands the call over to it when {@code transfer}. */
    public SwaigFunctionResult executeSwml(Map<String, ?> swml, boolean transfer) {
        Objects.requireNonNull(swml, "swml");
        // A copy, so that the transfer flag never leaks into the caller's map.
        Map<String, Object> document = new LinkedHashMap<>(swml);
        if (transfer) {
            document.put("transfer", "true");
        }
        return addAction("SWML", document);
    }

    /** Runs a SWML document given as JSON text; text that is not a JSON object is passed on as {@code raw_swml}. */
    public SwaigFunctionResult executeSwml(String swmlJson, boolean transfer) {
        Objects.requireNonNull(swmlJson, "swmlJson");
        Object parsed;
        try {
            parsed = Json.parse(swmlJson);
        } catch (Json.MalformedJsonException e) {
            parsed = null;
        }
        if (parsed instanceof Map<?, ?> map) {
            Map<String, Object> document = new LinkedHashMap<>();
            map.forEach((k, v) -> document.put(String.valueOf(k), v));
            return executeSwml(document, transfer);
        }
        return executeSwml(entry("raw_swml", swmlJson), transfer);
    }

    public SwaigFunctionResult hangup() {
        return addAction("hangup", true);
    }

    /** Holds the call for the SDK's default of 300 seconds. */
    public SwaigFunctionResult hold() {
        return hold(300);
    }

    /** Holds the call; the timeout is clamped to 0..900 seconds as the platform allows no more. */
    public SwaigFunctionResult hold(int timeoutSeconds) {
        return addAction("hold", Math.max(0, Math.min(timeoutSeconds, 900)));
    }

    /** Waits for the user (the SDK's default: {@code true}). */
    public SwaigFunctionResult waitForUser() {
        return waitForUser(null, null, false);
    }

    /**
     * Controls how the agent waits for user input; {@code answerFirst} wins over {@code timeout}, which wins over
     * {@code enabled}; with none of them the agent simply waits.
     */
    public SwaigFunctionResult waitForUser(Boolean enabled, Integer timeout, boolean answerFirst) {
        Object value;
        if (answerFirst) {
            value = "answer_first";
        } else if (timeout != null) {
            value = timeout;
        } else if (enabled != null) {
            value = enabled;
        } else {
            value = true;
        }
        return addAction("wait_for_user", value);
    }

    public SwaigFunctionResult stop() {
        return addAction("stop", true);
    }

    public SwaigFunctionResult say(String text) {
        return addAction("say", text);
    }

    public SwaigFunctionResult playBackgroundFile(String file) {
        return playBackgroundFile(file, false);
    }

    /** Plays a file in the background; {@code wait} suppresses the AI's attention-getting while it plays. */
    public SwaigFunctionResult playBackgroundFile(String file, boolean wait) {
        if (!wait) {
            return addAction("playback_bg", file);
        }
        Map<String, Object> data = entry("file", file);
        data.put("wait", true);
        return addAction("playback_bg", data);
    }

    public SwaigFunctionResult stopBackgroundFile() {
        return addAction("stop_playback_bg", true);
    }

    // ---- data -----------------------------------------------------------------------------------------------------

    public SwaigFunctionResult updateGlobalData(Map<String, ?> data) {
        return addAction("set_global_data", copy(data));
    }

    /** Removes global data keys: one key is sent as a string, several as a list (as the SDK does). */
    public SwaigFunctionResult removeGlobalData(String... keys) {
        return addAction("unset_global_data", keysValue(keys));
    }

    public SwaigFunctionResult removeGlobalData(List<String> keys) {
        return addAction("unset_global_data", List.copyOf(keys));
    }

    /** Sets metadata scoped to the function's meta_data_token. */
    public SwaigFunctionResult setMetadata(Map<String, ?> data) {
        return addAction("set_meta_data", copy(data));
    }

    /** Removes metadata keys: one key is sent as a string, several as a list (as the SDK does). */
    public SwaigFunctionResult removeMetadata(String... keys) {
        return addAction("unset_meta_data", keysValue(keys));
    }

    public SwaigFunctionResult removeMetadata(List<String> keys) {
        return addAction("unset_meta_data", List.copyOf(keys));
    }

    // ---- conversation -------------------------------------------------------------------------------------------

    /** Sends a user event to connected clients, e.g. to update a UI. */
    public SwaigFunctionResult swmlUserEvent(Map<String, ?> event) {
        Map<String, Object> swml = entry("sections",
                entry("main", List.of(entry("user_event", entry("event", copy(event))))));
        swml.put("version", SWML_VERSION);
        return addAction("SWML", swml);
    }

    public SwaigFunctionResult swmlChangeStep(String stepName) {
        return addAction("change_step", stepName);
    }

    public SwaigFunctionResult swmlChangeContext(String contextName) {
        return addAction("change_context", contextName);
    }

    /** Adds speech recognition hints: strings, or maps with {@code pattern}, {@code replace}, {@code ignore_case}. */
    public SwaigFunctionResult addDynamicHints(List<?> hints) {
        return addAction("add_dynamic_hints", new ArrayList<Object>(hints));
    }

    public SwaigFunctionResult clearDynamicHints() {
        return addAction("clear_dynamic_hints", new LinkedHashMap<String, Object>());
    }

    public SwaigFunctionResult setEndOfSpeechTimeout(int milliseconds) {
        return addAction("end_of_speech_timeout", milliseconds);
    }

    public SwaigFunctionResult setSpeechEventTimeout(int milliseconds) {
        return addAction("speech_event_timeout", milliseconds);
    }

    /** Enables or disables SWAIG functions; each toggle is a map with {@code function} and {@code active}. */
    public SwaigFunctionResult toggleFunctions(List<? extends Map<String, ?>> toggles) {
        List<Map<String, Object>> list = new ArrayList<>();
        toggles.forEach(toggle -> list.add(copy(toggle)));
        return addAction("toggle_functions", list);
    }

    /** Enables or disables SWAIG functions by name, in the map's iteration order. */
    public SwaigFunctionResult toggleFunctions(Map<String, Boolean> activeByFunction) {
        List<Map<String, Object>> list = new ArrayList<>();
        activeByFunction.forEach((function, active) -> {
            Map<String, Object> toggle = entry("function", function);
            toggle.put("active", active);
            list.add(toggle);
        });
        return addAction("toggle_functions", list);
    }

    public SwaigFunctionResult enableFunctionsOnTimeout() {
        return enableFunctionsOnTimeout(true);
    }

    public SwaigFunctionResult enableFunctionsOnTimeout(boolean enabled) {
        return addAction("functions_on_speaker_timeout", enabled);
    }

    public SwaigFunctionResult enableExtensiveData() {
        return enableExtensiveData(true);
    }

    /** Sends the full data to the LLM for this turn only; later turns see the smaller replacement. */
    public SwaigFunctionResult enableExtensiveData(boolean enabled) {
        return addAction("extensive_data", enabled);
    }

    /** Removes this tool call and its result from the history after the first send. */
    public SwaigFunctionResult replaceInHistory() {
        return replaceInHistory(true);
    }

    public SwaigFunctionResult replaceInHistory(boolean remove) {
        return addAction("replace_in_history", remove);
    }

    /** Replaces this tool call and its result in the history with an assistant message of {@code text}. */
    public SwaigFunctionResult replaceInHistory(String text) {
        return addAction("replace_in_history", text);
    }

    /** Updates runtime AI settings such as {@code temperature}, {@code top-p} or {@code max-tokens}. */
    public SwaigFunctionResult updateSettings(Map<String, ?> settings) {
        return addAction("settings", copy(settings));
    }

    /** Replaces the system prompt. */
    public SwaigFunctionResult switchContext(String systemPrompt) {
        return switchContext(systemPrompt, null, false, false);
    }

    /** Changes the agent's context; a lone system prompt is sent as a plain string, as the SDK does. */
    public SwaigFunctionResult switchContext(String systemPrompt, String userPrompt, boolean consolidate,
                                             boolean fullReset) {
        if (isSet(systemPrompt) && !isSet(userPrompt) && !consolidate && !fullReset) {
            return addAction("context_switch", systemPrompt);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (isSet(systemPrompt)) {
            data.put("system_prompt", systemPrompt);
        }
        if (isSet(userPrompt)) {
            data.put("user_prompt", userPrompt);
        }
        if (consolidate) {
            data.put("consolidate", true);
        }
        if (fullReset) {
            data.put("full_reset", true);
        }
        return addAction("context_switch", data);
    }

    public SwaigFunctionResult simulateUserInput(String text) {
        return addAction("user_input", text);
    }

    // ---- SWML virtual helpers -------------------------------------------------------------------------------------

    public SwaigFunctionResult sendSms(String toNumber, String fromNumber, String body) {
        return sendSms(toNumber, fromNumber, body, null, null, null);
    }

    /** Sends an SMS/MMS; a body, media URLs or both are required. Null or empty optionals are left out. */
    public SwaigFunctionResult sendSms(String toNumber, String fromNumber, String body, List<String> media,
                                       List<String> tags, String region) {
        if (!isSet(body) && (media == null || media.isEmpty())) {
            throw new IllegalArgumentException("Either body or media must be provided");
        }
        Map<String, Object> params = entry("to_number", toNumber);
        params.put("from_number", fromNumber);
        putIfSet(params, "body", body);
        putIfSet(params, "media", media);
        putIfSet(params, "tags", tags);
        putIfSet(params, "region", region);
        return executeSwml(swmlDocument(verb("send_sms", params)));
    }

    /** Collects a payment with the SDK's defaults. */
    public SwaigFunctionResult pay(String paymentConnectorUrl) {
        return pay(paymentConnectorUrl, new PayOptions());
    }

    /** Collects a payment through {@code paymentConnectorUrl}; numbers and flags go out as strings, as in SWML. */
    public SwaigFunctionResult pay(String paymentConnectorUrl, PayOptions options) {
        requireText(paymentConnectorUrl, "paymentConnectorUrl");
        Map<String, Object> params = entry("payment_connector_url", paymentConnectorUrl);
        params.put("input", options.inputMethod);
        params.put("payment_method", options.paymentMethod);
        params.put("timeout", Integer.toString(options.timeout));
        params.put("max_attempts", Integer.toString(options.maxAttempts));
        params.put("security_code", Boolean.toString(options.securityCode));
        params.put("min_postal_code_length", Integer.toString(options.minPostalCodeLength));
        params.put("token_type", options.tokenType);
        params.put("currency", options.currency);
        params.put("language", options.language);
        params.put("voice", options.voice);
        params.put("valid_card_types", options.validCardTypes);
        params.put("postal_code", options.postalCode);
        putIfSet(params, "status_url", options.statusUrl);
        putIfSet(params, "charge_amount", options.chargeAmount);
        putIfSet(params, "description", options.description);
        putIfSet(params, "parameters", options.parameters);
        putIfSet(params, "prompts", options.prompts);
        return executeSwml(swmlDocument(verb("set", entry("ai_response", options.aiResponse)), verb("pay", params)));
    }

    /** Starts background recording with the SDK's defaults. */
    public SwaigFunctionResult recordCall() {
        return recordCall(new RecordOptions());
    }

    /** Starts background recording; the script carries on while it records. */
    public SwaigFunctionResult recordCall(RecordOptions options) {
        Map<String, Object> params = entry("stereo", options.stereo);
        params.put("format", options.format);
        params.put("direction", options.direction);
        params.put("beep", options.beep);
        params.put("input_sensitivity", options.inputSensitivity);
        putIfSet(params, "control_id", options.controlId);
        putIfSet(params, "terminators", options.terminators);
        putIfSet(params, "initial_timeout", options.initialTimeout);
        putIfSet(params, "end_silence_timeout", options.endSilenceTimeout);
        putIfSet(params, "max_length", options.maxLength);
        putIfSet(params, "status_url", options.statusUrl);
        return executeSwml(swmlDocument(verb("record_call", params)));
    }

    /** Stops the most recent background recording. */
    public SwaigFunctionResult stopRecordCall() {
        return stopRecordCall(null);
    }

    /** Stops the background recording {@code controlId}, or the most recent one when null. */
    public SwaigFunctionResult stopRecordCall(String controlId) {
        Map<String, Object> params = new LinkedHashMap<>();
        putIfSet(params, "control_id", controlId);
        return executeSwml(swmlDocument(verb("stop_record_call", params)));
    }

    /** Joins a RELAY room. */
    public SwaigFunctionResult joinRoom(String name) {
        return executeSwml(swmlDocument(verb("join_room", entry("name", name))));
    }

    /** Sends a SIP REFER to {@code toUri}. */
    public SwaigFunctionResult sipRefer(String toUri) {
        return executeSwml(swmlDocument(verb("sip_refer", entry("to_uri", toUri))));
    }

    /** Joins an audio conference with the defaults, rendered as the bare conference name. */
    public SwaigFunctionResult joinConference(String name) {
        return joinConference(name, new ConferenceOptions());
    }

    /** Joins an audio conference; only options that differ from the SDK defaults are sent. */
    public SwaigFunctionResult joinConference(String name, ConferenceOptions options) {
        requireText(name, "name");
        Map<String, Object> params = entry("name", name);
        putIf(params, options.muted, "muted", true);
        putIf(params, !"true".equals(options.beep), "beep", options.beep);
        putIf(params, !options.startOnEnter, "start_on_enter", false);
        putIf(params, options.endOnExit, "end_on_exit", true);
        putIfSet(params, "wait_url", options.waitUrl);
        putIf(params, options.maxParticipants != 250, "max_participants", options.maxParticipants);
        putIf(params, !"do-not-record".equals(options.record), "record", options.record);
        putIfSet(params, "region", options.region);
        putIf(params, !"trim-silence".equals(options.trim), "trim", options.trim);
        putIfSet(params, "coach", options.coach);
        putIfSet(params, "status_callback_event", options.statusCallbackEvent);
        putIfSet(params, "status_callback", options.statusCallback);
        putIf(params, !"POST".equals(options.statusCallbackMethod), "status_callback_method",
                options.statusCallbackMethod);
        putIfSet(params, "recording_status_callback", options.recordingStatusCallback);
        putIf(params, !"POST".equals(options.recordingStatusCallbackMethod), "recording_status_callback_method",
                options.recordingStatusCallbackMethod);
        putIf(params, !"completed".equals(options.recordingStatusCallbackEvent), "recording_status_callback_event",
                options.recordingStatusCallbackEvent);
        putIf(params, options.result != null, "result", options.result);
        Object joinValue = params.size() == 1 ? name : params;
        return executeSwml(swmlDocument(verb("join_conference", joinValue)));
    }

    /** Starts a background media tap to {@code uri} with the SDK's defaults. */
    public SwaigFunctionResult tap(String uri, String controlId) {
        return tap(uri, controlId, "both", "PCMU", 20, null);
    }

    /**
     * Starts a background media tap (rtp://, ws:// or wss://); only values that differ from the defaults are sent.
     *
     * @param direction {@code speak}, {@code hear} or {@code both}
     * @param codec {@code PCMU} or {@code PCMA}
     */
    public SwaigFunctionResult tap(String uri, String controlId, String direction, String codec, int rtpPtime,
                                   String statusUrl) {
        requireOneOf(direction, "direction", "speak", "hear", "both");
        requireOneOf(codec, "codec", "PCMU", "PCMA");
        if (rtpPtime <= 0) {
            throw new IllegalArgumentException("rtp_ptime must be a positive integer");
        }
        Map<String, Object> params = entry("uri", uri);
        putIfSet(params, "control_id", controlId);
        putIf(params, !"both".equals(direction), "direction", direction);
        putIf(params, !"PCMU".equals(codec), "codec", codec);
        putIf(params, rtpPtime != 20, "rtp_ptime", rtpPtime);
        putIfSet(params, "status_url", statusUrl);
        return executeSwml(swmlDocument(verb("tap", params)));
    }

    /** Stops the most recent tap. */
    public SwaigFunctionResult stopTap() {
        return stopTap(null);
    }

    /** Stops the tap {@code controlId}, or the most recent one when null. */
    public SwaigFunctionResult stopTap(String controlId) {
        Map<String, Object> params = new LinkedHashMap<>();
        putIfSet(params, "control_id", controlId);
        return executeSwml(swmlDocument(verb("stop_tap", params)));
    }

    /** Runs an RPC method on a call; null or empty arguments are left out. */
    public SwaigFunctionResult executeRpc(String method, Map<String, ?> params, String callId, String nodeId) {
        requireText(method, "method");
        Map<String, Object> rpc = entry("method", method);
        putIfSet(rpc, "call_id", callId);
        putIfSet(rpc, "node_id", nodeId);
        putIfSet(rpc, "params", params == null ? null : copy(params));
        return executeSwml(swmlDocument(verb("execute_rpc", rpc)));
    }

    /** Dials a phone number whose leg is handled by the SWML at {@code destSwml}. */
    public SwaigFunctionResult rpcDial(String toNumber, String fromNumber, String destSwml) {
        return rpcDial(toNumber, fromNumber, destSwml, "phone");
    }

    /** Dials {@code toNumber} over RPC; the outbound leg is handled by the SWML at {@code destSwml}. */
    public SwaigFunctionResult rpcDial(String toNumber, String fromNumber, String destSwml, String deviceType) {
        Map<String, Object> numbers = entry("to_number", toNumber);
        numbers.put("from_number", fromNumber);
        Map<String, Object> devices = entry("type", deviceType);
        devices.put("params", numbers);
        Map<String, Object> params = entry("devices", devices);
        params.put("dest_swml", destSwml);
        return executeRpc("dial", params, null, null);
    }

    /** Injects a system message into the AI on another call. */
    public SwaigFunctionResult rpcAiMessage(String callId, String messageText) {
        return rpcAiMessage(callId, messageText, "system");
    }

    /** Injects a message into the AI on another call, e.g. to tell a held caller what happened. */
    public SwaigFunctionResult rpcAiMessage(String callId, String messageText, String role) {
        Map<String, Object> params = entry("role", role);
        params.put("message_text", messageText);
        return executeRpc("ai_message", params, callId, null);
    }

    /** Takes another call off hold. */
    public SwaigFunctionResult rpcAiUnhold(String callId) {
        return executeRpc("ai_unhold", null, callId, null);
    }

    // ---- payment building blocks ------------------------------------------------------------------------------

    /** A prompt for {@link PayOptions#prompts(List)}. */
    public static Map<String, Object> createPaymentPrompt(String forSituation, List<? extends Map<String, ?>> actions) {
        return createPaymentPrompt(forSituation, actions, null, null);
    }

    /**
     * A prompt for {@link PayOptions#prompts(List)}.
     *
     * @param forSituation e.g. {@code payment-card-number}
     * @param cardType space-separated card types, or null
     * @param errorType space-separated error types, or null
     */
    public static Map<String, Object> createPaymentPrompt(String forSituation, List<? extends Map<String, ?>> actions,
                                                          String cardType, String errorType) {
        Map<String, Object> prompt = entry("for", forSituation);
        prompt.put("actions", new ArrayList<Object>(actions));
        putIfSet(prompt, "card_type", cardType);
        putIfSet(prompt, "error_type", errorType);
        return prompt;
    }

    /** A prompt action: {@code Say} a phrase or {@code Play} a URL. */
    public static Map<String, Object> createPaymentAction(String type, String phrase) {
        Map<String, Object> action = entry("type", type);
        action.put("phrase", phrase);
        return action;
    }

    /** A name/value pair for {@link PayOptions#parameters(List)}. */
    public static Map<String, Object> createPaymentParameter(String name, String value) {
        Map<String, Object> parameter = entry("name", name);
        parameter.put("value", value);
        return parameter;
    }

    // ---- output ---------------------------------------------------------------------------------------------------

    /** The SWAIG reply: {@code post_process} only matters, and so is only sent, when there are actions. */
    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> result = new LinkedHashMap<>();
        if (!response.isEmpty()) {
            result.put("response", response);
        }
        if (!actions.isEmpty()) {
            List<Object> list = new ArrayList<>(actions);
            result.put("action", list);
            if (postProcess) {
                result.put("post_process", true);
            }
        }
        if (result.isEmpty()) {
            result.put("response", "Action completed.");
        }
        return result;
    }

    @Override
    public String toString() {
        return Json.write(toJson());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Map<String, Object> entry(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static Map<String, Object> verb(String name, Object params) {
        return entry(name, params);
    }

    private static Map<String, Object> swmlDocument(Object... mainVerbs) {
        Map<String, Object> document = entry("version", SWML_VERSION);
        document.put("sections", entry("main", new ArrayList<>(Arrays.asList(mainVerbs))));
        return document;
    }

    private static Map<String, Object> copy(Map<String, ?> map) {
        return new LinkedHashMap<>(Objects.requireNonNull(map));
    }

    private static Object keysValue(String... keys) {
        return keys.length == 1 ? keys[0] : List.of(keys);
    }

    /** Python-style truthiness: the SDK leaves out None, empty strings and empty lists alike. */
    private static boolean isSet(Object value) {
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        return value != null;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (isSet(value)) {
            map.put(key, value);
        }
    }

    private static void putIf(Map<String, Object> map, boolean condition, String key, Object value) {
        if (condition) {
            map.put(key, value);
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    private static String requireOneOf(String value, String name, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.toString(allowed));
        }
        return value;
    }

    /** Options of {@link #pay(String, PayOptions)}; a fresh instance holds the SDK's defaults. */
    public static final class PayOptions {
        private String inputMethod = "dtmf";
        private String statusUrl;
        private String paymentMethod = "credit-card";
        private int timeout = 5;
        private int maxAttempts = 1;
        private boolean securityCode = true;
        private String postalCode = "true";
        private int minPostalCodeLength;
        private String tokenType = "reusable";
        private String chargeAmount;
        private String currency = "usd";
        private String language = "en-US";
        private String voice = "woman";
        private String description;
        private String validCardTypes = "visa mastercard amex";
        private List<Object> parameters;
        private List<Object> prompts;
        private String aiResponse = DEFAULT_PAY_AI_RESPONSE;

        /** {@code dtmf} or {@code voice}. */
        public PayOptions inputMethod(String value) {
            inputMethod = value;
            return this;
        }

        public PayOptions statusUrl(String value) {
            statusUrl = value;
            return this;
        }

        public PayOptions paymentMethod(String value) {
            paymentMethod = value;
            return this;
        }

        /** Seconds to wait for the next digit. */
        public PayOptions timeout(int value) {
            timeout = value;
            return this;
        }

        public PayOptions maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public PayOptions securityCode(boolean value) {
            securityCode = value;
            return this;
        }

        /** Whether to ask for the postal code. */
        public PayOptions postalCode(boolean value) {
            postalCode = Boolean.toString(value);
            return this;
        }

        /** The postal code itself, so that the caller is not asked for it. */
        public PayOptions postalCode(String value) {
            postalCode = value;
            return this;
        }

        public PayOptions minPostalCodeLength(int value) {
            minPostalCodeLength = value;
            return this;
        }

        /** {@code one-time} or {@code reusable}. */
        public PayOptions tokenType(String value) {
            tokenType = value;
            return this;
        }

        /** Amount as a decimal string; without it the payment method is only tokenised. */
        public PayOptions chargeAmount(String value) {
            chargeAmount = value;
            return this;
        }

        public PayOptions currency(String value) {
            currency = value;
            return this;
        }

        public PayOptions language(String value) {
            language = value;
            return this;
        }

        public PayOptions voice(String value) {
            voice = value;
            return this;
        }

        public PayOptions description(String value) {
            description = value;
            return this;
        }

        /** Space-separated, e.g. {@code visa mastercard amex}. */
        public PayOptions validCardTypes(String value) {
            validCardTypes = value;
            return this;
        }

        /** Name/value pairs for the connector, see {@link #createPaymentParameter(String, String)}. */
        public PayOptions parameters(List<? extends Map<String, ?>> value) {
            parameters = value == null ? null : new ArrayList<Object>(value);
            return this;
        }

        /** Custom prompts, see {@link #createPaymentPrompt(String, List, String, String)}. */
        public PayOptions prompts(List<? extends Map<String, ?>> value) {
            prompts = value == null ? null : new ArrayList<Object>(value);
            return this;
        }

        /** What the AI says once the payment is done; may use {@code ${pay_result}}. */
        public PayOptions aiResponse(String value) {
            aiResponse = value;
            return this;
        }
    }

    /** Options of {@link #recordCall(RecordOptions)}; a fresh instance holds the SDK's defaults. */
    public static final class RecordOptions {
        private String controlId;
        private boolean stereo;
        private String format = "wav";
        private String direction = "both";
        private String terminators;
        private boolean beep;
        private double inputSensitivity = 44.0;
        private Double initialTimeout;
        private Double endSilenceTimeout;
        private Double maxLength;
        private String statusUrl;

        /** The id {@link #stopRecordCall(String)} takes. */
        public RecordOptions controlId(String value) {
            controlId = value;
            return this;
        }

        public RecordOptions stereo(boolean value) {
            stereo = value;
            return this;
        }

        /** {@code wav} or {@code mp3}. */
        public RecordOptions format(String value) {
            format = requireOneOf(value, "format", "wav", "mp3");
            return this;
        }

        /** {@code speak}, {@code listen} or {@code both}. */
        public RecordOptions direction(String value) {
            direction = requireOneOf(value, "direction", "speak", "listen", "both");
            return this;
        }

        /** DTMF digits that end the recording. */
        public RecordOptions terminators(String value) {
            terminators = value;
            return this;
        }

        public RecordOptions beep(boolean value) {
            beep = value;
            return this;
        }

        public RecordOptions inputSensitivity(double value) {
            inputSensitivity = value;
            return this;
        }

        /** Seconds to wait for speech to start (voicemail style), or null. */
        public RecordOptions initialTimeout(Double value) {
            initialTimeout = value;
            return this;
        }

        /** Seconds of silence that end the recording (voicemail style), or null. */
        public RecordOptions endSilenceTimeout(Double value) {
            endSilenceTimeout = value;
            return this;
        }

        public RecordOptions maxLength(Double value) {
            maxLength = value;
            return this;
        }

        public RecordOptions statusUrl(String value) {
            statusUrl = value;
            return this;
        }
    }

    /** Options of {@link #joinConference(String, ConferenceOptions)}; a fresh instance holds the SDK's defaults. */
    public static final class ConferenceOptions {
        private static final String[] METHODS = {"GET", "POST"};

        private boolean muted;
        private String beep = "true";
        private boolean startOnEnter = true;
        private boolean endOnExit;
        private String waitUrl;
        private int maxParticipants = 250;
        private String record = "do-not-record";
        private String region;
        private String trim = "trim-silence";
        private String coach;
        private String statusCallbackEvent;
        private String statusCallback;
        private String statusCallbackMethod = "POST";
        private String recordingStatusCallback;
        private String recordingStatusCallbackMethod = "POST";
        private String recordingStatusCallbackEvent = "completed";
        private Object result;

        public ConferenceOptions muted(boolean value) {
            muted = value;
            return this;
        }

        /** {@code true}, {@code false}, {@code onEnter} or {@code onExit}. */
        public ConferenceOptions beep(String value) {
            beep = requireOneOf(value, "beep", "true", "false", "onEnter", "onExit");
            return this;
        }

        public ConferenceOptions startOnEnter(boolean value) {
            startOnEnter = value;
            return this;
        }

        public ConferenceOptions endOnExit(boolean value) {
            endOnExit = value;
            return this;
        }

        /** SWML URL for hold music. */
        public ConferenceOptions waitUrl(String value) {
            waitUrl = value;
            return this;
        }

        /** 1..250. */
        public ConferenceOptions maxParticipants(int value) {
            if (value <= 0 || value > 250) {
                throw new IllegalArgumentException("max_participants must be a positive integer <= 250");
            }
            maxParticipants = value;
            return this;
        }

        /** {@code do-not-record} or {@code record-from-start}. */
        public ConferenceOptions record(String value) {
            record = requireOneOf(value, "record", "do-not-record", "record-from-start");
            return this;
        }

        public ConferenceOptions region(String value) {
            region = value;
            return this;
        }

        /** {@code trim-silence} or {@code do-not-trim}. */
        public ConferenceOptions trim(String value) {
            trim = requireOneOf(value, "trim", "trim-silence", "do-not-trim");
            return this;
        }

        /** Call id (or CallSid) of the call to coach. */
        public ConferenceOptions coach(String value) {
            coach = value;
            return this;
        }

        /** Space-separated events, e.g. {@code start end join leave}. */
        public ConferenceOptions statusCallbackEvent(String value) {
            statusCallbackEvent = value;
            return this;
        }

        public ConferenceOptions statusCallback(String value) {
            statusCallback = value;
            return this;
        }

        /** {@code GET} or {@code POST}. */
        public ConferenceOptions statusCallbackMethod(String value) {
            statusCallbackMethod = requireOneOf(value, "status_callback_method", METHODS);
            return this;
        }

        public ConferenceOptions recordingStatusCallback(String value) {
            recordingStatusCallback = value;
            return this;
        }

        /** {@code GET} or {@code POST}. */
        public ConferenceOptions recordingStatusCallbackMethod(String value) {
            recordingStatusCallbackMethod = requireOneOf(value, "recording_status_callback_method", METHODS);
            return this;
        }

        /** Space-separated, e.g. {@code in-progress completed absent}. */
        public ConferenceOptions recordingStatusCallbackEvent(String value) {
            recordingStatusCallbackEvent = value;
            return this;
        }

        /** A switch on the return value (map) or a list of conditions (list). */
        public ConferenceOptions result(Object value) {
            result = value;
            return this;
        }
    }
}
