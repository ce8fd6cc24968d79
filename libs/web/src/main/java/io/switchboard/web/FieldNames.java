package io.switchboard.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import io.switchboard.web.input.JsonPaths;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.hibernate.validator.engine.HibernateConstraintViolation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;

/**
 * Turns a bean-validation property path into the name the client used: JSON names for body fields
 * ({@code @JsonProperty} and the application's naming strategy honoured, {@code menuId} → {@code menu_id}),
 * list positions in brackets and map keys as fields ({@code chat.transcript.messages[0].text},
 * {@code data.order_id.value}); the name in {@code @QueryParam}/{@code @PathParam}/{@code @HeaderParam}
 * for request parameters; {@code body} for the body as a whole. A validator can point inside a
 * free-form value by setting the rest of the path as its dynamic payload ({@code BoundedJson} does).
 */
final class FieldNames {
    private static final Set<String> PARAMETER_ANNOTATIONS = Set.of("PathParam", "QueryParam", "HeaderParam",
            "CookieParam", "FormParam", "MatrixParam", "RestPath", "RestQuery", "RestHeader", "RestCookie", "RestForm");

    private FieldNames() {
    }

    static String of(ConstraintViolation<?> violation, ObjectMapper mapper) {
        StringBuilder name = new StringBuilder();
        Type type = violation.getRootBeanClass();
        Method method = null;
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD -> method = method(violation.getRootBeanClass(), node.as(Path.MethodNode.class));
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    parameter = parameterName(method, index, node.getName());
                    type = method == null ? Object.class : method.getGenericParameterTypes()[index];
                }
                case PROPERTY -> {
                    if (node.isInIterable()) {
                        appendElement(name, node);
                        type = elementType(type);
                    }
                    Class<?> owner = raw(type);
                    append(name, jsonName(owner, node.getName(), mapper));
                    type = propertyType(owner, node.getName());
                }
                case CONTAINER_ELEMENT -> {
                    // A constraint on a key names the map; one on a value or an element names its entry.
                    if (node.isInIterable() && !"<map key>".equals(node.getName())) {
                        appendElement(name, node);
                        type = elementType(type);
                    }
                }
                default -> {
                }
            }
        }
        String inside = inside(violation);
        if (inside != null) {
            append(name, inside);
        }
        if (!name.isEmpty()) {
            return name.toString();
        }
        return parameter == null ? "body" : parameter;
    }

    private static void append(StringBuilder name, String part) {
        if (!name.isEmpty() && !part.startsWith("[")) {
            name.append('.');
        }
        name.append(part);
    }

    private static void appendElement(StringBuilder name, Path.Node node) {
        if (node.getIndex() != null) {
            name.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            append(name, JsonPaths.printable(String.valueOf(node.getKey())));
        }
    }

    /** The path a validator reported inside the value it checked, if any. */
    private static String inside(ConstraintViolation<?> violation) {
        try {
            HibernateConstraintViolation<?> hibernate = violation.unwrap(HibernateConstraintViolation.class);
            return hibernate.getDynamicPayload(String.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The client's name for a method parameter: the value of its JAX-RS parameter annotation, or
     * {@code body} for the request body (the only parameter without one), which is left out of the
     * path when a field inside it is at fault.
     */
    private static String parameterName(Method method, int index, String javaName) {
        if (method == null) {
            return javaName;
        }
        for (Class<?> type = method.getDeclaringClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Parameter declared = type.getDeclaredMethod(method.getName(), method.getParameterTypes()).getParameters()[index];
                for (Annotation annotation : declared.getAnnotations()) {
                    if (PARAMETER_ANNOTATIONS.contains(annotation.annotationType().getSimpleName())) {
                        String value = annotationValue(annotation);
                        return value == null || value.isEmpty() ? javaName : value;
                    }
                }
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        return null;
    }

    private static String annotationValue(Annotation annotation) {
        try {
            return String.valueOf(annotation.annotationType().getMethod("value").invoke(annotation));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Method method(Class<?> owner, Path.MethodNode node) {
        Class<?>[] types = node.getParameterTypes().toArray(Class<?>[]::new);
        for (Class<?> type = owner; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                return type.getDeclaredMethod(node.getName(), types);
            } catch (NoSuchMethodException e) {
                // declared further up
            }
        }
        return null;
    }

    private static String jsonName(Class<?> declaring, String property, ObjectMapper mapper) {
        for (Class<?> type = declaring; type != null && type != Object.class; type = type.getSuperclass()) {
            JsonProperty annotation = annotationOf(type, property);
            if (annotation != null && !annotation.value().isEmpty()) {
                return annotation.value();
            }
        }
        PropertyNamingStrategy strategy = mapper.getPropertyNamingStrategy();
        return strategy instanceof NamingBase naming ? naming.translate(property) : property;
    }

    private static JsonProperty annotationOf(Class<?> type, String property) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(property)) {
                    return component.getAnnotation(JsonProperty.class) != null
                            ? component.getAnnotation(JsonProperty.class)
                            : component.getAccessor().getAnnotation(JsonProperty.class);
                }
            }
        }
        try {
            Field field = type.getDeclaredField(property);
            return field.getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Type propertyType(Class<?> owner, String property) {
        for (Class<?> type = owner; type != null && type != Object.class; type = type.getSuperclass()) {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(property)) {
                        return component.getGenericType();
                    }
                }
            }
            try {
                return type.getDeclaredField(property).getGenericType();
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        return Object.class;
    }

    /** The element type of a list, array or map value type; {@code Object} when unknown. */
    private static Type elementType(Type container) {
        if (container instanceof GenericArrayType array) {
            return array.getGenericComponentType();
        }
        if (container instanceof Class<?> type && type.isArray()) {
            return type.getComponentType();
        }
        if (container instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            Class<?> raw = raw(parameterized);
            if (Map.class.isAssignableFrom(raw) && arguments.length == 2) {
                return arguments[1];
            }
            if (Iterable.class.isAssignableFrom(raw) && arguments.length == 1) {
                return arguments[0];
            }
            if (raw == java.util.Optional.class && arguments.length == 1) {
                return arguments[0];
            }
        }
        return Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return raw(parameterized.getRawType());
        }
        return Object.class;
    }
}
