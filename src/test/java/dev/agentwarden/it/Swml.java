package dev.agentwarden.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reading SWML documents and SWAIG answers in tests. */
public final class Swml {

    private Swml() {
    }

    public static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    public static JsonArray array(String json) {
        return Json.createReader(new StringReader(json)).readArray();
    }

    /** The {@code ai} verb of a SWML document. */
    public static JsonObject ai(JsonObject swml) {
        return swml.getJsonObject("sections").getJsonArray("main").getJsonObject(1).getJsonObject("ai");
    }

    /** The SWAIG function entry named {@code name}. */
    public static JsonObject function(JsonObject swml, String name) {
        JsonArray functions = ai(swml).getJsonObject("SWAIG").getJsonArray("functions");
        for (JsonValue f : functions) {
            if (name.equals(f.asJsonObject().getString("function"))) {
                return f.asJsonObject();
            }
        }
        throw new AssertionError("no function " + name + " in " + swml);
    }

    /** The decoded {@code __token} of a secure function's {@code web_hook_url}. */
    public static String token(JsonObject swml, String function) {
        String url = function(swml, function).getString("web_hook_url");
        String query = URI.create(url).getRawQuery();
        return URLDecoder.decode(query.substring(query.indexOf("__token=") + 8), StandardCharsets.UTF_8);
    }

    /** A SWAIG request body as SignalWire sends it. */
    public static String call(String function, String argsJson, String callId) {
        return "{\"function\":\"" + function + "\",\"argument\":{\"parsed\":[" + argsJson + "],\"raw\":"
                + Json.createValue(argsJson) + "},\"call_id\":\"" + callId + "\",\"caller_id_num\":\"+1555" + callId.hashCode()
                + "\"}";
    }
}
