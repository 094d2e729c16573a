package dev.authbisect.testkit;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Registered for every test (src/test/resources/META-INF/services, autodetection on in
 * junit-platform.properties): after a test passes, every {@code result.json}, {@code bisect.json},
 * {@code drift.json} (any JSON file naming one of our schemas) under the folders the test had — its
 * {@code Path}/{@code File} arguments ({@code @TempDir} parameters) and the {@code Path}/{@code File} fields
 * of its class and instance ({@code @TempDir} fields, work folders) — must meet its published JSON Schema
 * ({@link JsonSchemas}); otherwise the test fails, naming the file and what is wrong.
 */
public final class SchemaCheckExtension implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        invocation.proceed();
        check(call, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        invocation.proceed();
        check(call, context);
    }

    private static void check(ReflectiveInvocationContext<Method> call, ExtensionContext context) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Object arg : call.getArguments()) {
            add(dirs, arg);
        }
        call.getTarget().ifPresent(instance -> fields(instance.getClass(), instance, dirs));
        context.getTestClass().ifPresent(c -> fields(c, null, dirs));
        List<String> bad = JsonSchemas.violations(new ArrayList<>(dirs));
        if (!bad.isEmpty()) {
            throw new AssertionError("written JSON that does not meet its published schema (src/main/resources/schemas/):\n  "
                    + String.join("\n  ", bad.subList(0, Math.min(20, bad.size()))) + (bad.size() > 20 ? "\n  …" : ""));
        }
    }

    /** Path and File fields: static ones always, instance ones of {@code instance} (and of its enclosing instances). */
    private static void fields(Class<?> type, Object instance, Set<Path> dirs) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                boolean isStatic = Modifier.isStatic(f.getModifiers());
                if (!(Path.class.isAssignableFrom(f.getType()) || File.class.isAssignableFrom(f.getType()))
                        || !isStatic && instance == null) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    add(dirs, f.get(isStatic ? null : instance));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not readable: not ours to check
                }
            }
        }
    }

    private static void add(Set<Path> dirs, Object value) {
        Path p = value instanceof Path path ? path : value instanceof File f ? f.toPath() : null;
        if (p != null && p.toAbsolutePath().normalize().getNameCount() >= 2) { // never a whole file system or /tmp
            dirs.add(p.toAbsolutePath().normalize());
        }
    }
}
