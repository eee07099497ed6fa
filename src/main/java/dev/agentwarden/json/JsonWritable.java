package dev.agentwarden.json;

/** A value that knows its own JSON form as plain Java values (maps, lists, strings, numbers, booleans). */
@FunctionalInterface
public interface JsonWritable {

    /** The plain-Java tree to serialise. */
    Object toJson();
}
