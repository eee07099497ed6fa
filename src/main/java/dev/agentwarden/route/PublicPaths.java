package dev.agentwarden.route;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The paths that need no authentication, collected at deployment from the JAX-RS resources that say so with
 * {@code @PermitAll} (on the class or the method): a path is public only where a resource declares it, never by a
 * pattern in the security code. A template parameter matches one whole segment ({@code /api/agents/{agent}/webhook}
 * matches {@code /api/agents/a/webhook}, never {@code /api/agents/a/b/webhook}); a trailing slash is allowed.
 */
public class PublicPaths implements Extension {

    private final Set<String> paths = ConcurrentHashMap.newKeySet();
    /** Templated public paths, each {@code {param}} one whole segment (never a slash). */
    private final List<Pattern> templates = new CopyOnWriteArrayList<>();

    <T> void collect(@Observes @WithAnnotations(PermitAll.class) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Path base = type.getAnnotation(Path.class);
        if (base == null) {
            return;
        }
        boolean all = type.isAnnotationPresent(PermitAll.class);
        for (AnnotatedMethod<? super T> method : type.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            boolean resourceMethod = path != null || method.getAnnotations().stream()
                    .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
            if (resourceMethod && (all || method.isAnnotationPresent(PermitAll.class))) {
                add(join(base.value(), path == null ? "" : path.value()), type.getJavaClass().getName());
            }
        }
    }

    private void add(String path, String declaredBy) {
        if (!path.contains("{")) {
            paths.add(path);
            paths.add(path + "/");
            return;
        }
        StringBuilder regex = new StringBuilder();
        for (String segment : path.substring(1).split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                regex.append("/[^/]+");
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new DefinitionException(declaredBy + " declares " + path
                        + " public: a template parameter must be a whole segment");
            } else {
                regex.append('/').append(Pattern.quote(segment));
            }
        }
        templates.add(Pattern.compile(regex + "/?"));
    }

    static String join(String base, String path) {
        String joined = ("/" + base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** Whether {@code path} (below the context root) is declared public. */
    public boolean isPublic(String path) {
        if (paths.contains(path)) {
            return true;
        }
        for (Pattern template : templates) {
            if (template.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }
}
