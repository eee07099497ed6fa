package dev.agentwarden.agent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns {@link SwaigFunction} methods into {@link Tool}s once, at construction; calls go through method handles. */
final class AnnotatedTools {

    private AnnotatedTools() {
    }

    static List<Tool> scan(Object agent) {
        List<Tool> tools = new ArrayList<>();
        for (Class<?> type = agent.getClass(); type != null && type != AgentBase.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                SwaigFunction spec = method.getAnnotation(SwaigFunction.class);
                if (spec != null) {
                    tools.add(toTool(agent, method, spec));
                }
            }
        }
        return tools;
    }

    private static Tool toTool(Object agent, Method method, SwaigFunction spec) {
        if (!SwaigFunctionResult.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalStateException(method + " must return SwaigFunctionResult");
        }
        String name = spec.name().isEmpty() ? snakeCase(method.getName()) : spec.name();
        Tool tool = Tool.named(name).description(spec.description()).secure(spec.secure());
        if (spec.rateLimit() > 0) {
            tool = tool.rateLimit(spec.rateLimit(), Duration.ofSeconds(spec.rateLimitWindowSeconds()));
        }
        MethodHandle handle = handle(agent, method);
        Parameter[] params = method.getParameters();
        if (params.length == 2 && params[0].getType() == Map.class && params[1].getType() == SwaigRequest.class) {
            return tool.handler((args, raw) -> invoke(handle, args, raw));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Parameter p : params) {
            if (p.getType() == SwaigRequest.class) {
                names.add(null);
                continue;
            }
            Param doc = p.getAnnotation(Param.class);
            String argName = doc != null && !doc.name().isEmpty() ? doc.name() : snakeCase(p.getName());
            Map<String, Object> prop = new LinkedHashMap<>();
            prop.put("type", jsonType(p.getType()));
            if (p.getType().isEnum()) {
                List<String> constants = new ArrayList<>();
                for (Object c : p.getType().getEnumConstants()) {
                    constants.add(((Enum<?>) c).name());
                }
                prop.put("enum", constants);
            }
            if (doc != null && !doc.description().isEmpty()) {
                prop.put("description", doc.description());
            }
            properties.put(argName, prop);
            if (doc == null || doc.required()) {
                required.add(argName);
            }
            names.add(argName);
        }
        Class<?>[] types = method.getParameterTypes();
        return tool.parameters(properties).required(required.toArray(String[]::new))
                .handler((args, raw) -> invoke(handle, bind(names, types, args, raw)));
    }

    private static MethodHandle handle(Object agent, Method method) {
        try {
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method).bindTo(agent);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("Cannot call " + method + ": " + e.getMessage(), e);
        }
    }

    private static Object[] bind(List<String> names, Class<?>[] types, Map<String, Object> args, SwaigRequest raw) {
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            values[i] = name == null ? raw : convert(args.get(name), types[i]);
        }
        return values;
    }

    private static SwaigFunctionResult invoke(MethodHandle handle, Object... values) {
        try {
            return (SwaigFunctionResult) handle.invokeWithArguments(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Values arrive already checked against the schema this class derived from the same Java types. */
    private static Object convert(Object value, Class<?> type) {
        if (value == null) {
            return type.isPrimitive() ? primitiveDefault(type) : null;
        }
        if (type.isEnum() && value instanceof String s) {
            return enumValue(type, s);
        }
        if (value instanceof Number n) {
            if (type == int.class || type == Integer.class) {
                return n.intValue();
            } else if (type == long.class || type == Long.class) {
                return n.longValue();
            } else if (type == double.class || type == Double.class) {
                return n.doubleValue();
            } else if (type == float.class || type == Float.class) {
                return n.floatValue();
            } else if (type == BigDecimal.class) {
                return new BigDecimal(n.toString());
            }
        }
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class<? extends Enum>) type, name);
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        return type == double.class || type == float.class ? (Object) 0.0 : (Object) 0;
    }

    static String jsonType(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "string";
        } else if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        } else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        } else if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "number";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
