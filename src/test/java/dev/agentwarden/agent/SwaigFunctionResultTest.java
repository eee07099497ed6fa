package dev.agentwarden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.agentwarden.json.Json;
import dev.agentwarden.agent.SwaigFunctionResult.ConferenceOptions;
import dev.agentwarden.agent.SwaigFunctionResult.RecordOptions;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Checks {@link SwaigFunctionResult} against JSON produced by the Python SDK's {@code SwaigFunctionResult}. */
class SwaigFunctionResultTest {

    private static final String REFERENCE = "/reference/function_result_actions.json";

    private static JsonObject reference;

    @BeforeAll
    static void loadReference() throws Exception {
        try (InputStream in = SwaigFunctionResultTest.class.getResourceAsStream(REFERENCE)) {
            assertNotNull(in, REFERENCE + " is not on the test classpath");
            try (JsonReader reader = jakarta.json.Json.createReader(in)) {
                reference = reader.readObject();
            }
        }
    }

    /** Case name in the reference file to the Java call that should reproduce it. */
    private static Map<String, Supplier<Object>> cases() {
        Map<String, Supplier<Object>> c = new LinkedHashMap<>();
        c.put("response_only", () -> SwaigFunctionResult.of("Hello"));
        c.put("empty", SwaigFunctionResult::new);
        c.put("post_process", () -> new SwaigFunctionResult("ok", true).hangup());
        c.put("post_process_no_actions", () -> new SwaigFunctionResult("ok", true));
        c.put("connect_final", () -> x().connect("+15551234567"));
        c.put("connect_nonfinal_from", () -> x().connect("sip:a@b.com", false, "+15550000000"));
        c.put("swml_transfer", () -> x().swmlTransfer("+15551234567", "Welcome back", false));
        c.put("update_global_data", () -> x().updateGlobalData(Map.of("k", "v")));
        c.put("remove_global_data", () -> x().removeGlobalData("k1", "k2"));
        c.put("remove_global_data_str", () -> x().removeGlobalData("k1"));
        c.put("set_metadata", () -> x().setMetadata(Map.of("m", 1)));
        c.put("remove_metadata", () -> x().removeMetadata("m"));
        c.put("swml_user_event", () -> x().swmlUserEvent(ordered("type", "evt", "n", 1)));
        c.put("swml_change_step", () -> x().swmlChangeStep("step2"));
        c.put("swml_change_context", () -> x().swmlChangeContext("ctx2"));
        c.put("execute_swml_dict", () -> x().executeSwml(ordered("version", "1.0.0",
                "sections", Map.of("main", List.of(Map.of("hangup", Map.of())))), false));
        c.put("execute_swml_transfer", () -> x().executeSwml("{\"version\":\"1.0.0\",\"sections\":{\"main\":[]}}", true));
        c.put("hangup", () -> SwaigFunctionResult.of("bye").hangup());
        c.put("hold", () -> x().hold(120));
        c.put("hold_clamped", () -> x().hold(5000));
        c.put("wait_for_user_default", () -> x().waitForUser());
        c.put("wait_for_user_timeout", () -> x().waitForUser(null, 30, false));
        c.put("wait_for_user_answer_first", () -> x().waitForUser(null, null, true));
        c.put("wait_for_user_enabled_false", () -> x().waitForUser(false, null, false));
        return moreCases(c);
    }

    /** The second half of {@link #cases()}: call control, media and RPC helpers. */
    private static Map<String, Supplier<Object>> moreCases(Map<String, Supplier<Object>> c) {
        c.put("stop", () -> x().stop());
        c.put("say", () -> new SwaigFunctionResult().say("Hi there"));
        c.put("play_background_file", () -> x().playBackgroundFile("music.mp3"));
        c.put("play_background_file_wait", () -> x().playBackgroundFile("music.mp3", true));
        c.put("stop_background_file", () -> x().stopBackgroundFile());
        c.put("add_dynamic_hints", () -> x().addDynamicHints(
                List.of("Acme", ordered("pattern", "cab bee", "replace", "Cabby", "ignore_case", true))));
        c.put("clear_dynamic_hints", () -> x().clearDynamicHints());
        c.put("set_end_of_speech_timeout", () -> x().setEndOfSpeechTimeout(800));
        c.put("set_speech_event_timeout", () -> x().setSpeechEventTimeout(900));
        c.put("toggle_functions", () -> x().toggleFunctions(activeByFunction()));
        c.put("enable_functions_on_timeout", () -> x().enableFunctionsOnTimeout());
        c.put("enable_extensive_data", () -> x().enableExtensiveData());
        c.put("replace_in_history_true", () -> x().replaceInHistory());
        c.put("replace_in_history_text", () -> x().replaceInHistory("summary"));
        c.put("update_settings", () -> x().updateSettings(ordered("temperature", 0.5, "max-tokens", 100)));
        c.put("switch_context_system", () -> x().switchContext("New sys"));
        c.put("switch_context_full", () -> x().switchContext("S", "U", true, true));
        c.put("simulate_user_input", () -> x().simulateUserInput("yes"));
        c.put("send_sms", () -> x().sendSms("+15551112222", "+15553334444", "Hi"));
        c.put("send_sms_media", () -> x().sendSms("+15551112222", "+15553334444", null,
                List.of("https://x/img.png"), List.of("t"), "us"));
        c.put("pay", () -> x().pay("https://pay.example.com/connector"));
        c.put("record_call", () -> x().recordCall(new RecordOptions().controlId("rec1").stereo(true)));
        c.put("stop_record_call", () -> x().stopRecordCall("rec1"));
        c.put("join_room", () -> x().joinRoom("room1"));
        c.put("sip_refer", () -> x().sipRefer("sip:a@b.com"));
        c.put("join_conference_simple", () -> x().joinConference("conf1"));
        c.put("join_conference_muted", () -> x().joinConference("conf1", new ConferenceOptions().muted(true).beep("false")));
        c.put("tap", () -> x().tap("wss://tap.example.com", "t1"));
        c.put("stop_tap", () -> x().stopTap("t1"));
        c.put("execute_rpc", () -> x().executeRpc("ai_message", ordered("role", "system", "message_text", "Hello"),
                "c1", "n1"));
        c.put("rpc_dial", () -> x().rpcDial("+15551112222", "+15553334444", "https://x/swml"));
        c.put("rpc_ai_message", () -> x().rpcAiMessage("c1", "hello"));
        c.put("rpc_ai_unhold", () -> x().rpcAiUnhold("c1"));
        c.put("add_action_custom", () -> x().addAction("playback_bg", "file.mp3"));
        c.put("_static_create_payment_prompt", () -> SwaigFunctionResult.createPaymentPrompt("payment-card-number",
                List.of(SwaigFunctionResult.createPaymentAction("Say", "Enter card"))));
        c.put("_static_create_payment_parameter", () -> SwaigFunctionResult.createPaymentParameter("k", "v"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceCaseIsReproduced() {
        Map<String, Supplier<Object>> cases = cases();
        return reference.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Supplier<Object> supplier = cases.get(name);
            if (supplier == null) {
                fail("no Java call for reference case " + name);
            }
            JsonValue expected = reference.get(name);
            JsonValue actual = parse(Json.write(supplier.get()));
            assertEquals(expected, actual);
            // Objects compare unordered above; the SDK's key order is checked too, to keep the wire form tidy.
            assertEquals(expected.toString(), actual.toString(), "key order");
        }));
    }

    @Test
    void noCaseWithoutReference() {
        Set<String> stale = new HashSet<>(cases().keySet());
        stale.removeAll(reference.keySet());
        assertTrue(stale.isEmpty(), "cases missing from the reference file: " + stale);
    }

    @Test
    void holdClampsToZeroTo900AndDefaultsTo300() {
        assertEquals(List.of(Map.of("hold", 0)), x().hold(-5).getActions());
        assertEquals(List.of(Map.of("hold", 900)), x().hold(901).getActions());
        assertEquals(List.of(Map.of("hold", 300)), x().hold().getActions());
    }

    @Test
    void connectRejectsEmptyDestination() {
        assertThrows(IllegalArgumentException.class, () -> x().connect(""));
        assertThrows(IllegalArgumentException.class, () -> x().connect("   ", false, null));
        assertThrows(IllegalArgumentException.class, () -> x().connect(null));
    }

    @Test
    void invalidArgumentsAreRejectedLikeTheSdk() {
        assertThrows(IllegalArgumentException.class, () -> x().sendSms("+1", "+2", "", List.of(), null, null));
        assertThrows(IllegalArgumentException.class, () -> new RecordOptions().format("ogg"));
        assertThrows(IllegalArgumentException.class, () -> new RecordOptions().direction("hear"));
        assertThrows(IllegalArgumentException.class, () -> new ConferenceOptions().beep("loud"));
        assertThrows(IllegalArgumentException.class, () -> new ConferenceOptions().maxParticipants(251));
        assertThrows(IllegalArgumentException.class, () -> x().joinConference(" "));
        assertThrows(IllegalArgumentException.class, () -> x().tap("wss://t", null, "both", "OPUS", 20, null));
        assertThrows(IllegalArgumentException.class, () -> x().tap("wss://t", null, "both", "PCMU", 0, null));
    }

    @Test
    void executeSwmlWrapsTextThatIsNotJsonAndLeavesTheCallersMapAlone() {
        assertEquals(parse("{\"response\":\"x\",\"action\":[{\"SWML\":{\"raw_swml\":\"not json\"}}]}"),
                parse(x().executeSwml("not json", false).toString()));
        Map<String, Object> swml = ordered("version", "1.0.0");
        x().executeSwml(swml, true);
        assertEquals(Map.of("version", "1.0.0"), swml);
    }

    @Test
    void listFormsMatchTheFriendlierForms() {
        List<Map<String, Object>> toggles = List.of(ordered("function", "a", "active", false),
                ordered("function", "b", "active", true));
        assertEquals(x().toggleFunctions(activeByFunction()).toString(), x().toggleFunctions(toggles).toString());
        assertEquals(List.of(Map.of("unset_global_data", List.of("k1"))),
                x().removeGlobalData(List.of("k1")).getActions());
        assertEquals(List.of(Map.of("unset_meta_data", List.of("a", "b"))),
                x().removeMetadata(List.of("a", "b")).getActions());
    }

    private static SwaigFunctionResult x() {
        return SwaigFunctionResult.of("x");
    }

    private static Map<String, Boolean> activeByFunction() {
        Map<String, Boolean> toggles = new LinkedHashMap<>();
        toggles.put("a", false);
        toggles.put("b", true);
        return toggles;
    }

    /** A map that keeps the order its keys are given in, as a Python dict literal does. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
